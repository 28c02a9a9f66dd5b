package dev.descent.models;

/**
 * A model, version or alias does not exist; the message names what is missing. At most
 * one of {@link #version()} and {@link #alias()} is set; neither when the model itself,
 * or any version of it, is missing.
 */
public class ModelNotFoundException extends RuntimeException {

	private final String name;

	private final Integer version;

	private final String alias;

	private ModelNotFoundException(String name, Integer version, String alias, String message) {
		super(message);
		this.name = name;
		this.version = version;
		this.alias = alias;
	}

	/**
	 * @param name a valid model name that no model has
	 */
	public ModelNotFoundException(String name) {
		this(name, null, null, "no model named '" + name + "'");
	}

	/**
	 * @return the model has no version {@code version}
	 */
	public static ModelNotFoundException version(String name, int version) {
		return new ModelNotFoundException(name, version, null, "model " + name + " has no version " + version);
	}

	/**
	 * @return the model has no alias {@code alias}
	 */
	public static ModelNotFoundException alias(String name, String alias) {
		return new ModelNotFoundException(name, null, alias, "model " + name + " has no alias '" + alias + "'");
	}

	/**
	 * @return the version has no tag {@code key}
	 */
	public static ModelNotFoundException tag(String name, int version, String key) {
		return new ModelNotFoundException(name, version, null,
				"version " + version + " of model " + name + " has no tag '" + key + "'");
	}

	/**
	 * @return the model exists but has no servable version
	 */
	public static ModelNotFoundException noVersions(String name) {
		return new ModelNotFoundException(name, null, null, "model " + name + " has no versions");
	}

	/**
	 * @return the model's name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * @return the missing version, or null
	 */
	public Integer version() {
		return this.version;
	}

	/**
	 * @return the missing alias, or null
	 */
	public String alias() {
		return this.alias;
	}

}
