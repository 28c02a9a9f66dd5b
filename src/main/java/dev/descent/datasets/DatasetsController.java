package dev.descent.datasets;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * Uploaded data sets: {@code POST /datasets} (multipart: four IDX files or two CSV files,
 * optional name), {@code GET /datasets}, {@code GET /datasets/{name}}, {@code DELETE
 * /datasets/{name}}. The built-in "mnist" is listed first and cannot be deleted.
 */
@RestController
@RequestMapping("/datasets")
class DatasetsController {

	private final DatasetStore store;

	private final DatasetProvider provider;

	private final DatasetsProperties properties;

	private final ObjectProvider<DatasetUsage> usage;

	DatasetsController(DatasetStore store, DatasetProvider provider, DatasetsProperties properties,
			ObjectProvider<DatasetUsage> usage) {
		this.store = store;
		this.provider = provider;
		this.properties = properties;
		this.usage = usage;
	}

	@GetMapping
	List<DatasetDescription> list() throws IOException {
		List<DatasetDescription> all = new ArrayList<>();
		all.add(DatasetDescription.MNIST);
		all.addAll(this.store.list());
		return all;
	}

	@GetMapping("/{name}")
	DatasetDescription get(@PathVariable String name) throws IOException {
		if (DatasetNames.MNIST.equals(name)) {
			return DatasetDescription.MNIST;
		}
		return this.store.find(name).orElseThrow(() -> new DatasetNotFoundException(name));
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<DatasetDescription> upload(MultipartHttpServletRequest request) throws IOException {
		MultiValueMap<String, MultipartFile> files = request.getMultiFileMap();
		checkSize(files);
		String name = name(request);
		requireFree(name);
		UploadedData data = DatasetUpload.read(files, request.getParameterMap().keySet(),
				this.properties.maxExamples());
		DatasetFiles stored = DatasetFiles.of(name, data);
		DatasetDescription description = this.store.create(stored.description(), stored.files());
		return ResponseEntity.created(URI.create("/datasets/" + name)).body(description);
	}

	@DeleteMapping("/{name}")
	ResponseEntity<Void> delete(@PathVariable String name) throws IOException {
		if (DatasetNames.MNIST.equals(name)) {
			throw new DatasetConflictException(name, "data set 'mnist' is built in and cannot be deleted");
		}
		if (!this.store.exists(name)) {
			throw new DatasetNotFoundException(name);
		}
		if (this.usage.stream().anyMatch((u) -> u.isDatasetInUse(name))) {
			throw new DatasetConflictException(name, "data set '" + name + "' is used by a queued or running job");
		}
		this.store.delete(name);
		this.provider.evict(name);
		return ResponseEntity.noContent().build();
	}

	/**
	 * Refuses a taken name before the upload is read; the store checks again as it
	 * publishes.
	 */
	private void requireFree(String name) throws IOException {
		if (DatasetNames.MNIST.equals(name) || this.store.exists(name)) {
			throw new DatasetConflictException(name, "data set '" + name + "' already exists");
		}
	}

	/**
	 * The servlet container enforces the limit first (its refusal reaches
	 * {@code ApiExceptionHandler} as this same exception); this covers any other path,
	 * such as a container without the multipart limit.
	 */
	private void checkSize(MultiValueMap<String, MultipartFile> files) {
		long total = files.values().stream().flatMap(List::stream).mapToLong(MultipartFile::getSize).sum();
		if (total > this.properties.maxUploadSize().toBytes()) {
			throw new MaxUploadSizeExceededException(this.properties.maxUploadSize().toBytes());
		}
	}

	/**
	 * @return the {@code name} field (or a small file part of that name), else a fresh
	 * generated name
	 */
	private String name(MultipartHttpServletRequest request) throws IOException {
		String name = request.getParameter(DatasetUpload.NAME);
		MultipartFile part = request.getFile(DatasetUpload.NAME);
		if (name == null && part != null) {
			name = new String(part.getInputStream().readNBytes(256), StandardCharsets.UTF_8).strip();
		}
		if (name == null) {
			do {
				name = DatasetNames.generate();
			}
			while (this.store.exists(name));
			return name;
		}
		return DatasetNames.require(name, DatasetUpload.NAME);
	}

}
