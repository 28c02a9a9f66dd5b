package dev.descent;

import java.util.Arrays;

import dev.descent.cli.ExportCommand;
import dev.descent.cli.ImportCommand;
import dev.descent.cli.TrainCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point. {@code java -jar descent.jar} starts the REST service;
 * {@code java -jar descent.jar train ...} trains from the command line without Spring,
 * {@code java -jar descent.jar export ...} writes a stored version as ONNX, and
 * {@code java -jar descent.jar import --from DIR} copies a data directory into the
 * configured stores.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DescentApplication {

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("train")) {
			System.exit(TrainCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
		}
		if (args.length > 0 && args[0].equals("export")) {
			System.exit(ExportCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
		}
		if (args.length > 0 && args[0].equals("import")) {
			System.exit(ImportCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
		}
		SpringApplication.run(DescentApplication.class, args);
	}

}
