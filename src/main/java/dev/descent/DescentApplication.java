package dev.descent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point. {@code java -jar descent.jar} starts the REST service;
 * {@code java -jar descent.jar train ...} trains from the command line without Spring.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DescentApplication {

	public static void main(String[] args) {
		SpringApplication.run(DescentApplication.class, args);
	}

}
