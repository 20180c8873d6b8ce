package io.github.jpegrestore.spec;

import java.nio.file.Path;

/**
 * An output that already exists and may not be replaced. The core never replaces a file unasked;
 * each front end says how to ask (the command line: {@code --overwrite}), and a batch counts such a
 * file as skipped, not failed.
 */
public final class OutputExists extends IllegalArgumentException {
	private static final long serialVersionUID = 1L;

	public final Path file;

	public OutputExists(Path file) {
		super(file + ": exists");
		this.file = file;
	}
}
