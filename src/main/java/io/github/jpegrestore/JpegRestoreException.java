package io.github.jpegrestore;

import io.github.jpegrestore.JpegRestoreException;

/**
 * The suite's user-facing failure: bad or unsupported image data, a missing or damaged model, an
 * unreadable folder. Its message is one line meant for the user; front ends print it as it is
 * (command line: exit code 1; ImageJ: one error line).
 */
public class JpegRestoreException extends RuntimeException {
	private static final long serialVersionUID = 1L;

	public JpegRestoreException(String message) {
		super(message);
	}

	public JpegRestoreException(String message, Throwable cause) {
		super(message, cause);
	}

	/** The first line of a message, trimmed ("" for none): what a user-facing line shows of it. */
	public static String firstLine(String m) {
		if (m == null) return "";
		String t = m.strip();
		int nl = t.indexOf('\n');
		return (nl >= 0 ? t.substring(0, nl) : t).strip();
	}
}
