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
}
