package io.github.jpegrestore.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import ij.process.LUT;
import io.github.jpegrestore.TestData;
import io.github.jpegrestore.TestModels;
import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.Subsampling;

/** Regression tests for the Fiji side of issue 9: what ImageJ's opener lets through, and tables that grow. */
class BadInputIjTest {
	@TempDir Path dir;
	static final String MODEL = "model=[" + TestModels.tinyCardPath() + "]";

	/** ImageJ shows a truncated JPEG with its missing half gray; the restorer refuses it, naming the file. */
	@Test
	void truncatedJpegOpenedByImageJIsRefused() throws Exception {
		byte[] jpg = JpegCodec.compress(TestData.synthetic(64, 64, 1, 4), 30, Subsampling.S420);
		Path cut = dir.resolve("cut.jpg");
		Files.write(cut, java.util.Arrays.copyOf(jpg, jpg.length * 2 / 3));
		ImagePlus imp = IJ.openImage(cut.toString());
		assertNotNull(imp, "ImageJ opens it");
		RuntimeException e = assertThrows(RuntimeException.class,
			() -> RestoreOp.run(RestoreOp.LUMA, RestoreOp.LUMA.parse("qf=auto device=cpu " + MODEL), imp, Progress.NONE, s -> {}));
		assertTrue(e.getMessage().startsWith("cut.jpg: ") && e.getMessage().contains("JPEG"), e.getMessage());
	}

	/** A colour palette holds indices: refused. A single-colour LUT (a green channel) holds intensities: restored. */
	@Test
	void paletteImagesAreRefusedButChannelLutsAreFine() {
		byte[] r = new byte[256], g = new byte[256], b = new byte[256];
		java.util.Random rnd = new java.util.Random(1);
		rnd.nextBytes(r);
		rnd.nextBytes(g);
		rnd.nextBytes(b);
		ByteProcessor palette = new ByteProcessor(32, 32);
		palette.setLut(new LUT(r, g, b));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Planes.validate(new ImagePlus("gif", palette)));
		assertTrue(e.getMessage().contains("palette"), e.getMessage());
		ByteProcessor green = new ByteProcessor(32, 32);
		green.setLut(LUT.createLutFromColor(java.awt.Color.green));
		Planes.validate(new ImagePlus("channel", green));
	}

	/** A second measurement adds rows to the table instead of replacing it; Estimate Quality names its image. */
	@Test
	void resultTablesGrowAndNameTheirImages() {
		ResultsTable first = new ResultsTable();
		first.incrementCounter();
		first.addValue("Image", "a.jpg");
		first.addValue("QF", 20);
		ResultsTable second = new ResultsTable();
		second.incrementCounter();
		second.addValue("Image", "b.jpg");
		second.addValue("QF", 40);
		String title = "JPEG test table " + System.nanoTime();
		Tables.appendAndShow(first, title);
		ResultsTable both = Tables.appendAndShow(second, title);
		assertEquals(2, both.size());
		assertEquals("a.jpg", both.getStringValue("Image", 0));
		assertEquals("b.jpg", both.getStringValue("Image", 1));
		assertEquals(40, both.getValue("QF", 1), 1e-9);
		ImagePlus imp = new ImagePlus("cells.tif", new ByteProcessor(64, 64));
		assertEquals("cells.tif", EstimateQualityPlugin.estimate(imp).getStringValue("Image", 0));
	}

	/** A syntax error comes back as its line and message, not as "HeadlessException" (issue 9, item 7). */
	@Test
	void syntaxErrorsAreReportedWithTheirLine() {
		String err = MacroRunner.run("x = 1 +;\n", "");
		assertNotNull(err);
		assertTrue(err.startsWith("macro error at line ") && err.contains("Number or numeric function expected"), err);
	}

	/** An incomplete install names what is missing and the fix, instead of failing silently (issue 9, item 13). */
	@Test
	void incompleteInstallSaysWhatIsMissing() {
		String m = PluginSupport.installProblem(new NoClassDefFoundError("ai/djl/engine/Engine"));
		assertTrue(m.contains("DJL") && m.contains("update site") && m.contains("jars/"), m);
		m = PluginSupport.installProblem(new NoClassDefFoundError("com/google/gson/JsonParser"));
		assertTrue(m.contains("Gson"), m);
		m = PluginSupport.installProblem(new UnsatisfiedLinkError("no torch in java.library.path"));
		assertTrue(m.contains("native library"), m);
		String n = io.github.jpegrestore.inference.SessionsAccess.nativeProblem(new RuntimeException("Failed to save pytorch index file"));
		assertTrue(n != null && n.contains("pytorch-native-cpu"), n);
		assertEquals(null, io.github.jpegrestore.inference.SessionsAccess.nativeProblem(new RuntimeException("shape mismatch")));
	}

	/** exit("message") ends the run as a failure that says so, not as "Macro canceled" (issue 9, item 7). */
	@Test
	void exitWithAMessageIsAFailureThatSaysSo() {
		String err = MacroRunner.run("exit(\"usage: input=DIR\");\n", "");
		assertNotNull(err);
		assertTrue(err.contains("exit()") && err.contains("usage: input=DIR"), err);
	}

	/** A bare exit() ends a macro normally, as in ImageJ, even after a print (issue 22, item 10). */
	@Test
	void bareExitIsANormalEnd() {
		assertEquals(null, MacroRunner.run("print(\"done\");\nexit();\nexit(\"not reached\");\n", ""));
		assertEquals(null, MacroRunner.run("if (true) exit;\nexit(\"not reached\");\n", ""));
		String err = MacroRunner.run("print(\"step 1\");\nexit(\"no input folder\");\n", "");
		assertTrue(err != null && err.endsWith("no input folder"), err);
	}

	/**
	 * Failures ImageJ 1 only prints end the macro run as failures, with one line and no stack trace
	 * (issue 9, items 6 and 7): open() of a missing file, a command that needs a dialog, an unknown
	 * command, saveAs into a folder that cannot be written.
	 */
	@Test
	void failuresImageJOnlyPrintsAreFailuresWithOneLine() {
		java.io.PrintStream out = System.out, err = System.err;
		java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
		java.io.PrintStream capture = new java.io.PrintStream(seen, true);
		System.setOut(capture);
		System.setErr(capture);
		String missing, dialog, unknown, unwritable;
		try {
			missing = MacroRunner.run("open(\"/nonexistent/x.png\");\n", "");
			dialog = MacroRunner.run("newImage(\"a\", \"8-bit black\", 20, 20, 1);\nrun(\"Size...\", \"\");\n", "");
			unknown = MacroRunner.run("run(\"No Such Command\");\n", "");
			unwritable = MacroRunner.run("newImage(\"a\", \"8-bit black\", 20, 20, 1);\nsaveAs(\"PNG\", \"/proc/no/such/dir/a.png\");\n", "");
		} finally {
			System.setOut(out);
			System.setErr(err);
		}
		assertTrue(missing != null && missing.contains("File not found") && missing.contains("/nonexistent/x.png"), missing);
		assertTrue(dialog != null && dialog.contains("dialog"), dialog);
		assertTrue(unknown != null && unknown.contains("Unrecognized command"), unknown);
		assertTrue(unwritable != null && unwritable.contains("/proc/no/such/dir/a.png") && !unwritable.contains("exit()"), unwritable);
		String printed = seen.toString();
		assertTrue(!printed.contains("\tat ") && !printed.contains("HeadlessException"), "no stack trace printed:\n" + printed);
		assertNull(MacroRunner.run("newImage(\"a\", \"8-bit black\", 20, 20, 1);\nprint(\"fine\");\n", ""), "a good macro still succeeds");
	}
}
