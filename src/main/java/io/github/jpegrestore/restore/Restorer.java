package io.github.jpegrestore.restore;

import io.github.jpegrestore.jpeg.Image8;

/** Something that turns a JPEG file into restored pixels: a network, a classical method, or nothing (the baseline). */
public interface Restorer extends AutoCloseable {
	/** Short stable name used in tables ("jpeg", "jpegqs", "luma", ...). */
	String name();

	/**
	 * Restores one JPEG. {@code decoded} is the file decoded by the suite's codec; {@code jpeg} the
	 * file's bytes (side information: DQT tables, coefficients).
	 */
	Image8 restore(byte[] jpeg, Image8 decoded);

	@Override
	default void close() {}
}
