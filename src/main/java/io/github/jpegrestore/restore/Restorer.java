package io.github.jpegrestore.restore;

import io.github.jpegrestore.inference.Progress;

/**
 * Every way of restoring a JPEG-compressed image behind one call: the networks (luma, color,
 * blind), the classical reference (jpegqs) and the unrestored baseline. Made by
 * {@link Restorers#create}; every front end (Fiji commands, SciJava twins, command line,
 * benchmark) goes through it. A restorer owns its tiling, progress (one bar from 0 to 1, however
 * many passes it makes) and cancellation ({@link Progress#canceled()} makes it throw
 * {@link java.util.concurrent.CancellationException}). Thread-safe: loaded models are shared.
 */
public interface Restorer extends AutoCloseable {
	/** Short stable name used in tables ("jpeg", "jpegqs", "luma", "luma+qc", "color", ...). */
	String name();

	/** Restores one image (gray or RGB). The input is never modified. */
	Restored restore(Input in, Progress progress);

	/** The device the restorer runs on, for the log ("cpu()", "gpu(0)"), or "" for none. */
	default String device() {
		return "";
	}

	@Override
	default void close() {}
}
