package io.github.jpegrestore.inference;

import java.util.concurrent.CancellationException;

/** Progress and cancellation of long work (tiles over all planes). */
public interface Progress {
	/** done out of total units. */
	void update(long done, long total);

	/** True when the user asked to stop; the work then throws {@link CancellationException}. */
	default boolean canceled() {
		return false;
	}

	default void checkCanceled() {
		if (canceled()) throw new CancellationException("canceled");
	}

	Progress NONE = (d, t) -> {};
}
