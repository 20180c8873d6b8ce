package io.github.jpegrestore.spec;

import java.util.concurrent.CancellationException;

import io.github.jpegrestore.JpegRestoreException;

/**
 * The one mapping from a failure to the line a user reads, for every front end: the suite's own
 * failures and bad arguments say their first line; settings that do not go together are named as
 * the front end spells them; an existing output and running out of memory get the front end's
 * advice; anything else is named with its class (it is a bug).
 */
public final class Failures {
	private Failures() {}

	/** How a front end words what only it knows: setting names, how to replace a file, how to get memory. */
	public interface Wording {
		/** The name of a setting, from its key ({@code then_qf} or {@code --then-qf}). */
		String key(String key);

		/** The line for an output that exists. */
		String exists(OutputExists e);

		/** The advice for running out of memory. */
		String outOfMemory();
	}

	/** The wording of a front end that names settings by their keys (ImageJ, the batch log): only its memory advice differs. */
	public static Wording byKey(String outOfMemory) {
		return new Wording() {
			@Override
			public String key(String key) {
				return key;
			}

			@Override
			public String exists(OutputExists e) {
				return e.getMessage();
			}

			@Override
			public String outOfMemory() {
				return outOfMemory;
			}
		};
	}

	public static String userLine(Throwable e, Wording w) {
		if (e instanceof SettingConflict) return JpegRestoreException.firstLine(((SettingConflict) e).render(w::key));
		if (e instanceof OutputExists) return w.exists((OutputExists) e);
		if (e instanceof CancellationException) return "canceled";
		if (e instanceof JpegRestoreException || (e instanceof IllegalArgumentException && !(e instanceof NumberFormatException))) {
			String m = JpegRestoreException.firstLine(e.getMessage());
			return m.isEmpty() ? e.getClass().getSimpleName() : m;
		}
		if (e instanceof OutOfMemoryError) return "out of memory: " + w.outOfMemory();
		return e.getClass().getSimpleName() + ": " + JpegRestoreException.firstLine(e.getMessage());
	}

	/** A user's mistake (exit code 2 on the command line: a bad value, an existing output) rather than a failure of the work (1). */
	public static boolean isUsage(Throwable e) {
		return e instanceof IllegalArgumentException && !(e instanceof NumberFormatException);
	}
}
