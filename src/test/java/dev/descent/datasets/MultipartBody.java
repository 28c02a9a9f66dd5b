package dev.descent.datasets;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A multipart/form-data body for {@link java.net.http.HttpClient}, built in memory. */
public final class MultipartBody {

	private final String boundary = "descent-" + UUID.randomUUID();

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	public MultipartBody file(String name, byte[] content) {
		write("--" + this.boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + name
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
		this.bytes.writeBytes(content);
		write("\r\n");
		return this;
	}

	public MultipartBody field(String name, String value) {
		write("--" + this.boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
				+ "\r\n");
		return this;
	}

	public String contentType() {
		return "multipart/form-data; boundary=" + this.boundary;
	}

	public HttpRequest.BodyPublisher publisher() {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		all.writeBytes(this.bytes.toByteArray());
		all.writeBytes(("--" + this.boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
		return HttpRequest.BodyPublishers.ofByteArray(all.toByteArray());
	}

	private void write(String text) {
		this.bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

}
