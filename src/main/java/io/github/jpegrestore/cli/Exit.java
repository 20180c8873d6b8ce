package io.github.jpegrestore.cli;

/** The command line's exit codes (docs/architecture.md) and its failure for a line meant for the user. */
final class Exit {
	private Exit() {}

	static final int OK = 0, FAILURE = 1, USAGE = 2;

	/** A failure (exit code 1) whose message is meant for the user. */
	static final class CliFailure extends RuntimeException {
		private static final long serialVersionUID = 1L;

		CliFailure(String m) {
			super(m);
		}
	}
}
