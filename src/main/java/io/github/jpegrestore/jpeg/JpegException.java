package io.github.jpegrestore.jpeg;

/** Bad or unsupported image data; the message is one line meant for the user. */
public class JpegException extends RuntimeException {
	private static final long serialVersionUID = 1L;

	public JpegException(String message) {
		super(message);
	}

	public JpegException(String message, Throwable cause) {
		super(message, cause);
	}
}
