package io.github.jpegrestore.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.LUT;
import io.github.jpegrestore.TestData;
import io.github.jpegrestore.TestModels;
import io.github.jpegrestore.inference.Progress;

/** Issue 23's findings in the GUI, as facts a test can check without a screen. */
class DialogFactsTest {
	static ImagePlus composite() {
		ImageStack st = new ImageStack(48, 40);
		for (int c = 0; c < 2; c++) st.addSlice("c" + (c + 1), Planes.toProcessor(TestData.synthetic(48, 40, 1, 3 + c), new ByteProcessor(48, 40)));
		ImagePlus imp = new ImagePlus("cells", st);
		imp.setDimensions(2, 1, 1);
		CompositeImage c = new CompositeImage(imp, ij.IJ.COMPOSITE);
		c.setChannelLut(LUT.createLutFromColor(java.awt.Color.MAGENTA), 1);
		c.setChannelLut(LUT.createLutFromColor(java.awt.Color.GREEN), 2);
		return c;
	}

	/** A composite keeps its mode and each channel's LUT: a magenta channel does not come back green. */
	@Test
	void compositeHyperstacksKeepModeAndChannelLuts() {
		ImagePlus in = composite();
		ImagePlus out = RestoreOp.run(RestoreOp.LUMA, RestoreOp.LUMA.parse("qf=30 device=cpu model=[" + TestModels.tinyCardPath() + "]"), in, Progress.NONE, s -> {});
		assertTrue(out.isComposite(), "composite in, composite out");
		assertEquals(ij.IJ.COMPOSITE, ((CompositeImage) out).getMode());
		LUT[] luts = ((CompositeImage) out).getLuts();
		assertEquals(java.awt.Color.MAGENTA.getRGB(), luts[0].getRGB(255), "channel 1 stays magenta");
		assertEquals(java.awt.Color.GREEN.getRGB(), luts[1].getRGB(255), "channel 2 stays green");
		assertEquals(2, out.getNChannels());
	}

	/** Luma and Color on one image give two windows that can be told apart. */
	@Test
	void outputTitlesNameTheModel() {
		ImagePlus gray = new ImagePlus("gray", Planes.toProcessor(TestData.synthetic(40, 40, 1, 1), new ByteProcessor(40, 40)));
		ImagePlus a = RestoreOp.run(RestoreOp.LUMA, RestoreOp.LUMA.parse("qf=30 device=cpu model=[" + TestModels.tinyCardPath() + "]"), gray, Progress.NONE, s -> {});
		ImagePlus b = RestoreOp.run(RestoreOp.COLOR, RestoreOp.COLOR.parse("qf=30 device=cpu model=[" + TestModels.tinyColorCardPath() + "]"), gray, Progress.NONE, s -> {});
		assertEquals("gray-tiny", a.getTitle());
		assertEquals("gray-tiny-color", b.getTitle());
		assertNotEquals(a.getTitle(), b.getTitle());
	}

	/** The status line: percent and the plane, not "140625/1000000 tiles". */
	@Test
	void progressIsInPercentWithThePlane() {
		assertEquals("JPEG Restore Luma: plane 3/40, 42% (Esc to cancel)", IjProgress.status("JPEG Restore Luma", "plane 3/40", 0.42));
		assertEquals("JPEG Restore Luma: 100% (Esc to cancel)", IjProgress.status("JPEG Restore Luma", "", 1.0));
		List<String> stages = new ArrayList<>();
		Progress p = new Progress() {
			@Override
			public void update(long done, long total) {}

			@Override
			public void stage(String what) {
				stages.add(what);
			}
		};
		ImageStack st = new ImageStack(32, 32);
		for (int i = 0; i < 3; i++) st.addSlice(Planes.toProcessor(TestData.synthetic(32, 32, 1, i), new ByteProcessor(32, 32)));
		RestoreOp.run(RestoreOp.LUMA, RestoreOp.LUMA.parse("qf=30 device=cpu model=[" + TestModels.tinyCardPath() + "]"), new ImagePlus("s", st), p, s -> {});
		assertEquals(List.of("plane 1/3", "plane 2/3", "plane 3/3"), stages);
	}

	/** With no image open, a command that needs one says so before any dialog. */
	@Test
	void noImageIsSaidBeforeTheDialog() {
		boolean batch = ij.macro.Interpreter.batchMode; // earlier macro runs leave batch-mode images current
		ij.macro.Interpreter.batchMode = false;
		try {
			ij.WindowManager.setTempCurrentImage(null);
			org.junit.jupiter.api.Assumptions.assumeTrue(ij.WindowManager.getCurrentImage() == null, "an image is current");
			assertTrue(assertThrows(IllegalArgumentException.class, () -> RestoreOp.LUMA.read()).getMessage().contains("no image is open"));
			assertTrue(assertThrows(IllegalArgumentException.class, () -> DctViewerPlugin.SPEC.read()).getMessage().contains("no image is open"));
		} finally {
			ij.macro.Interpreter.batchMode = batch;
		}
	}

	/** Each field has its help, and the Help button's page lists every option with its facts. */
	@Test
	void everyFieldHasHelpAndTheHelpPageListsThem() {
		for (Object[] t : CommandSpecTest.TWINS) {
			CommandSpec spec = (CommandSpec) t[1];
			String html = spec.helpHtml();
			for (io.github.jpegrestore.spec.Setting s : spec.params) {
				assertTrue(!s.help.isEmpty(), spec.title + " " + s.key + " has help");
				assertTrue(html.contains("<b>" + s.key + "</b>"), spec.title + " help page lists " + s.key);
			}
		}
	}

	/** Values are remembered per command and key (a dialog starts with the last ones), but a macro's defaults stay the description's. */
	@Test
	void rememberedValuesAreValidatedAndPerCommand() {
		CommandSpec spec = RestoreOp.LUMA;
		io.github.jpegrestore.spec.Setting tile = spec.param("tile");
		assertEquals("jpegrestore.jpeg_restore_luma.tile", spec.prefsKey(tile));
		ij.Prefs.set(spec.prefsKey(tile), "256");
		try {
			assertEquals("256", spec.remembered(tile));
			ij.Prefs.set(spec.prefsKey(tile), "99999");
			assertEquals("0", spec.remembered(tile), "an invalid remembered value falls back to the default");
			assertEquals(0, spec.parse("qf=auto").integer("tile"), "a macro without tile= gets the default, not the remembered value");
		} finally {
			ij.Prefs.set(spec.prefsKey(tile), "0");
		}
	}

	/** Four decimals in every table, on the first run and when a second run appends; whole numbers stay whole. */
	@Test
	void fourDecimalsOnEveryRun() {
		String title = "Decimals test " + System.nanoTime();
		for (int run = 0; run < 2; run++) {
			ij.measure.ResultsTable rows = new ij.measure.ResultsTable();
			rows.incrementCounter();
			rows.addValue("QF", 20);
			rows.addValue("PSNR", 31.123456);
			ij.measure.ResultsTable shown = Tables.appendAndShow(rows, title);
			String line = shown.getRowAsString(shown.size() - 1);
			assertTrue(line.contains("31.1235") && line.contains("\t20\t") || line.endsWith("31.1235") && line.contains("20"), "run " + run + ": " + line);
			assertTrue(!line.contains("20.0000"), line);
		}
	}

	/** A field's help is wrapped so the dialog is as wide as its fields. */
	@Test
	void helpIsWrapped() {
		String w = CommandSpec.wrap(io.github.jpegrestore.options.Catalog.H_QF, CommandSpec.HELP_WIDTH);
		for (String line : w.split("\n")) assertTrue(line.length() <= CommandSpec.HELP_WIDTH, line);
		assertEquals(io.github.jpegrestore.options.Catalog.H_QF, w.replace('\n', ' '));
	}
}
