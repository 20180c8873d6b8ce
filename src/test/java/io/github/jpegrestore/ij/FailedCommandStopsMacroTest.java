package io.github.jpegrestore.ij;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import io.github.jpegrestore.TestData;
import io.github.jpegrestore.TestModels;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.Subsampling;

/**
 * Issue 22, item 1: a failed command stops the macro that called it, so the macro's next line
 * (saveAs) never writes the unrestored input under the output name. Here in the suite's headless
 * runner; FijiInstallIT runs the same macros in ImageJ 1 -batch and in a real Fiji.
 */
class FailedCommandStopsMacroTest {
	@TempDir Path dir;

	/** The macro a user writes: open, restore, save; {@code options} makes the restore fail. */
	static String macro(Path in, String options, Path out) {
		return "open(\"" + in + "\");\n"
			+ "run(\"JPEG Restore Luma\", \"" + options + "\");\n"
			+ "saveAs(\"PNG\", \"" + out + "\");\n"
			+ "print(\"the macro went on\");\n";
	}

	@ParameterizedTest
	@ValueSource(strings = { "qf=500 device=cpu", "qf=auto device=cpu model=nosuch", "qf=auto device=cpu nosuchkey=1", "qf=auto device=gpu" })
	void failedRestoreStopsTheMacroBeforeSaveAs(String options) throws Exception {
		Path in = dir.resolve("in.jpg"), out = dir.resolve("out.png");
		Files.write(in, JpegCodec.compress(TestData.synthetic(64, 64, 1, 3), 30, Subsampling.S420));
		String model = options.contains("model=") ? "" : " model=[" + TestModels.tinyCardPath() + "]";
		String error = MacroRunner.run(macro(in, options + model, out), "");
		assertNotNull(error, "the run reports the failure");
		assertTrue(error.startsWith("JPEG Restore Luma: "), error);
		assertFalse(Files.exists(out), "saveAs after the failed command did not run (" + error + ")");
	}
}
