package dev.descent.web;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Reads a JSON body of any size, for the body limit tests. */
@RestController
class EchoController {

	@PostMapping("/test/count")
	Map<String, Integer> count(@RequestBody List<Double> numbers) {
		return Map.of("count", numbers.size());
	}

}
