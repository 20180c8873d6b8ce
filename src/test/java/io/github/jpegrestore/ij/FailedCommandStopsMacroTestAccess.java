package io.github.jpegrestore.ij;

import java.nio.file.Path;

/** The failing macro of {@link FailedCommandStopsMacroTest} for tests in other packages. */
public final class FailedCommandStopsMacroTestAccess {
	private FailedCommandStopsMacroTestAccess() {}

	public static String macro(Path in, String options, Path out) {
		return FailedCommandStopsMacroTest.macro(in, options, out);
	}
}
