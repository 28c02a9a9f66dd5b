package dev.descent.ship;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The instructions of the top-level {@code Dockerfile}: comments dropped, continuation
 * lines joined, each as the instruction keyword and its arguments.
 */
final class DockerfileInstructions {

	static final Path FILE = Path.of("Dockerfile");

	record Instruction(String keyword, String arguments) {
	}

	private DockerfileInstructions() {
	}

	static List<Instruction> load() throws IOException {
		List<Instruction> instructions = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : Files.readAllLines(FILE)) {
			if (line.isBlank() || line.stripLeading().startsWith("#")) {
				continue;
			}
			if (line.endsWith("\\")) {
				current.append(line, 0, line.length() - 1).append(' ');
				continue;
			}
			current.append(line);
			String[] parts = current.toString().strip().split("\\s+", 2);
			instructions.add(new Instruction(parts[0].toUpperCase(), (parts.length > 1) ? parts[1] : ""));
			current.setLength(0);
		}
		return instructions;
	}

	static List<String> arguments(String keyword) throws IOException {
		return load().stream().filter((i) -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
	}

	/** The HEALTHCHECK command (exec form) as the argument list Docker runs. */
	@SuppressWarnings("unchecked")
	static List<String> healthCheckCommand() throws IOException {
		String healthCheck = arguments("HEALTHCHECK").get(0);
		String json = healthCheck.substring(healthCheck.indexOf("CMD ") + 4);
		return JsonMapper.builder().build().readValue(json, List.class);
	}

	/** The ENV variables of the last stage. */
	static Map<String, String> env() throws IOException {
		List<Instruction> instructions = load();
		int lastFrom = 0;
		for (int i = 0; i < instructions.size(); i++) {
			lastFrom = instructions.get(i).keyword().equals("FROM") ? i : lastFrom;
		}
		Map<String, String> env = new LinkedHashMap<>();
		for (Instruction instruction : instructions.subList(lastFrom, instructions.size())) {
			if (instruction.keyword().equals("ENV")) {
				String[] pair = instruction.arguments().split("=", 2);
				env.put(pair[0], pair[1]);
			}
		}
		return env;
	}

}
