package io.github.jpegrestore.metrics;

/** Which signal the metrics compare. */
public enum YMode {
	/** JFIF full-range Y (gray images as they are). */
	FULL("full"),
	/** MATLAB rgb2ycbcr Y (16..235), for comparability with published tables. */
	STUDIO("studio"),
	/** All channels as stored (RGB: mean over channels). */
	NONE("none");

	public final String label;

	YMode(String label) {
		this.label = label;
	}

	public static YMode fromLabel(String s) {
		for (YMode m : values())
			if (m.label.equals(s)) return m;
		throw new IllegalArgumentException("y must be full, studio or none, got '" + s + "'");
	}
}
