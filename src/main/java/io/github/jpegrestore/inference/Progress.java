package io.github.jpegrestore.inference;

import java.util.concurrent.CancellationException;

/**
 * Progress and cancellation of long work. Work reports {@code done} of {@code total} units of its
 * own (tiles of one plane, say); a caller that runs several pieces of work under one bar hands each
 * a {@link #span} of it, so the bar goes once from 0 to 1 and nobody counts another's units.
 */
public interface Progress {
	/** done out of total units. */
	void update(long done, long total);

	/** True when the user asked to stop; the work then throws {@link CancellationException}. */
	default boolean canceled() {
		return false;
	}

	/** What the work is at now, in words ("plane 3/40"), for a bar that shows it; nothing by default. */
	default void stage(String what) {}

	default void checkCanceled() {
		if (canceled()) throw new CancellationException("canceled");
	}

	/** Units of the whole bar that a {@link #span} reports in. */
	long SCALE = 1_000_000;

	/**
	 * The part [from, to] (fractions of this bar) as a progress of its own: its done/total is
	 * mapped into that part. Cancellation is this bar's.
	 */
	default Progress span(double from, double to) {
		Progress whole = this;
		return new Progress() {
			@Override
			public void update(long done, long total) {
				double f = total <= 0 ? 1 : Math.min(1, done / (double) total);
				whole.update(Math.round((from + (to - from) * f) * SCALE), SCALE);
			}

			@Override
			public boolean canceled() {
				return whole.canceled();
			}

			@Override
			public void stage(String what) {
				whole.stage(what);
			}
		};
	}

	/** Piece {@code index} of {@code count} equal pieces. */
	default Progress part(int index, int count) {
		return span(index / (double) count, (index + 1) / (double) count);
	}

	Progress NONE = (d, t) -> {};
}
