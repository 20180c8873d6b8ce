package io.github.jpegrestore.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;
import io.github.jpegrestore.TestData;
import io.github.jpegrestore.TestModels;
import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.Subsampling;
import io.github.jpegrestore.restore.LumaRestorer;
import io.github.jpegrestore.inference.DeviceChoice;

/** The luma restorer through ImageJ: ImagePlus adapter, macro interpreter, SciJava command. */
class RestoreLumaTest {
	@TempDir Path dir;
	static final String MODEL = "model=[" + TestModels.tinyCardPath() + "]";

	static ImagePlus gray(int w, int h, int planes) {
		ImageStack st = new ImageStack(w, h);
		for (int i = 0; i < planes; i++) {
			Image8 im = JpegCodec.roundTrip(TestData.synthetic(w, h, 1, i), 20, Subsampling.S420);
			st.addSlice("plane" + i, new ByteProcessor(w, h, im.data));
		}
		return new ImagePlus("cells.tif", st);
	}

	/** "JPEG Restore Luma" with macro options (the test model unless the options name one). */
	static Op op(String options) {
		CommandSpec.Values v = RestoreOp.LUMA.parse(options.contains("model=") ? options : options + " " + MODEL);
		return (imp, p, log) -> RestoreOp.run(RestoreOp.LUMA, v, imp, p, log);
	}

	interface Op {
		ImagePlus run(ImagePlus imp, Progress p, java.util.function.Consumer<String> log);
	}

	@Test
	void hyperstackKeepsEverythingButPixels() {
		ImagePlus imp = gray(96, 80, 6);
		imp.setDimensions(2, 3, 1);
		imp.setOpenAsHyperStack(true);
		Calibration cal = imp.getCalibration();
		cal.pixelWidth = 0.25;
		cal.setUnit("mm");
		imp.setProperty("Info", "acquired by a microscope");
		imp.setProp("channel0", "actin");
		byte[] before = ((byte[]) imp.getStack().getPixels(4)).clone();
		List<long[]> ticks = new ArrayList<>();
		ImagePlus out = op("qf=20 device=cpu tile=64").run(imp, (d, t) -> ticks.add(new long[] { d, t }), s -> {});
		assertEquals("cells-tiny", out.getTitle());
		assertEquals(6, out.getStackSize());
		assertEquals(2, out.getNChannels());
		assertEquals(3, out.getNSlices());
		assertEquals(0.25, out.getCalibration().pixelWidth);
		assertEquals("mm", out.getCalibration().getUnit());
		assertEquals("acquired by a microscope", out.getProperty("Info"));
		assertEquals("actin", out.getProp("channel0"));
		assertEquals("plane3", out.getStack().getSliceLabel(4));
		assertArrayEquals(before, (byte[]) imp.getStack().getPixels(4), "input untouched");
		// one bar over all planes: totals constant, rising, last tick = total
		long total = ticks.get(0)[1];
		assertTrue(ticks.stream().allMatch(t -> t[1] == total));
		for (int i = 1; i < ticks.size(); i++) assertTrue(ticks.get(i)[0] > ticks.get(i - 1)[0]);
		assertEquals(total, ticks.get(ticks.size() - 1)[0]);
		assertEquals(6 * 4, ticks.size(), "2x2 tiles of 64 on 96x80, six planes");
		// each plane equals the core restorer's result
		Image8 plane = new Image8(96, 80, 1, ((byte[]) imp.getStack().getPixels(5)).clone());
		Image8 expect = TestModels.restoreLuma(plane, 20, 64);
		assertArrayEquals(expect.data, (byte[]) out.getStack().getPixels(5));
	}

	@Test
	void sixteenBitWithEightBitDataAndRgb() {
		ShortProcessor sp = new ShortProcessor(40, 32);
		for (int i = 0; i < 40 * 32; i++) sp.set(i, (i * 7) % 256);
		ImagePlus out = op("qf=30 device=cpu").run(new ImagePlus("s", sp), Progress.NONE, s -> {});
		assertEquals(16, out.getBitDepth());
		sp.set(5, 300);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> op("qf=30").run(new ImagePlus("s", sp), Progress.NONE, s -> {}));
		assertTrue(e.getMessage().contains("above 255"), e.getMessage());
		ImagePlus rgb = new ImagePlus("rgb", new ij.process.ColorProcessor(40, 40));
		assertEquals(24, op("qf=30").run(rgb, Progress.NONE, s -> {}).getBitDepth());
	}

	@Test
	void badInputsGetOneLineMessages() {
		assertTrue(assertThrows(IllegalArgumentException.class, () -> op("qf=30").run(new ImagePlus("f", new FloatProcessor(20, 20)), Progress.NONE, s -> {}))
			.getMessage().contains("32-bit"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> op("qf=30").run(new ImagePlus("one", new ByteProcessor(1, 1)), Progress.NONE, s -> {}))
			.getMessage().contains("1x1"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> op("qf=file").run(gray(32, 32, 1), Progress.NONE, s -> {}))
			.getMessage().contains("not opened from a JPEG"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> op("qf=30 constrain").run(gray(32, 32, 1), Progress.NONE, s -> {}))
			.getMessage().contains("constrain"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> op("qf=0").run(gray(32, 32, 1), Progress.NONE, s -> {})).getMessage().contains("1..100"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> op("quality=30")).getMessage().contains("unknown option"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> op("device=tpu")).getMessage().contains("auto, cpu, gpu"));
		assertTrue(assertThrows(RuntimeException.class, () -> op("model=nothing-here").run(gray(32, 32, 1), Progress.NONE, s -> {}))
			.getMessage().contains("no 'nothing-here' model"));
	}

	@Test
	void cancelReturnsNothingAndLeavesTheInput() {
		ImagePlus imp = gray(64, 64, 3);
		byte[] before = ((byte[]) imp.getStack().getPixels(1)).clone();
		Progress cancelAfterTwo = new Progress() {
			int n;

			@Override
			public void update(long d, long t) {
				n++;
			}

			@Override
			public boolean canceled() {
				return n >= 2;
			}
		};
		assertThrows(CancellationException.class, () -> op("qf=20 tile=64").run(imp, cancelAfterTwo, s -> {}));
		assertArrayEquals(before, (byte[]) imp.getStack().getPixels(1));
	}

	@Test
	void qfComesFromTheJpegFile() throws Exception {
		Path jpg = dir.resolve("cells.jpg");
		ImageFiles.writeBytes(JpegCodec.compress(TestData.synthetic(64, 48, 1, 1), 35, Subsampling.S420), jpg, false);
		ImagePlus imp = IJ.openImage(jpg.toString());
		assertNotNull(imp);
		List<String> log = new ArrayList<>();
		ImagePlus out = op("qf=auto constrain").run(imp, Progress.NONE, log::add);
		assertTrue(log.stream().anyMatch(s -> s.contains("QF 35 (file)")), log.toString());
		assertEquals("cells-tiny+qc", out.getTitle(), "the model as the tables name it, constraint included");
		List<String> log2 = new ArrayList<>();
		op("qf=auto").run(gray(48, 48, 1), Progress.NONE, log2::add);
		assertTrue(log2.stream().anyMatch(s -> s.contains("QF 20 (estimated)")), log2.toString());
	}

	@Test
	void realMacroThroughImageJsInterpreter() throws Exception {
		Path jpg = dir.resolve("in.jpg");
		ImageFiles.writeBytes(JpegCodec.compress(TestData.synthetic(72, 56, 1, 2), 25, Subsampling.S420), jpg, false);
		Path out = dir.resolve("out.png");
		String macro = "open(\"" + jpg + "\");\n"
			+ "run(\"JPEG Restore Luma\", \"qf=auto device=cpu " + MODEL + "\");\n"
			+ "if (getTitle() != \"in-tiny\") exit(\"unexpected title \" + getTitle());\n"
			+ "saveAs(\"PNG\", \"" + out + "\");\n";
		assertNull(MacroRunner.run(macro, ""));
		Image8 restored = ImageFiles.read(out);
		Image8 expect = TestModels.restoreLuma(JpegCodec.decode(Files.readAllBytes(jpg)), 25, 0);
		assertEquals(expect, restored, "the macro's result is the restorer's");
		String err = MacroRunner.run("newImage(\"f\", \"32-bit black\", 20, 20, 1);\nrun(\"JPEG Restore Luma\", \"qf=30 " + MODEL + "\");\n", "");
		assertNotNull(err);
		assertTrue(err.contains("32-bit"), err);
	}

	@Test
	void sciJavaCommandRunsThroughCommandService() throws Exception {
		try (Context ctx = new Context(CommandService.class)) {
			ImagePlus imp = gray(40, 40, 2);
			java.util.Map<String, Object> in = new java.util.HashMap<>();
			in.put("imp", imp);
			in.put("qf", "20");
			in.put("constrain", false);
			in.put("device", "cpu");
			in.put("tile", 0);
			in.put("model", TestModels.tinyCardPath().toString());
			CommandModule m = ctx.service(CommandService.class).run(RestoreLumaCommand.class, true, in).get();
			ImagePlus out = (ImagePlus) m.getOutput("restored");
			assertEquals(2, out.getStackSize());
			assertEquals("cells-tiny", out.getTitle());
		}
	}

	@Test
	void exampleFolderMacroRestoresEveryJpegOnce() throws Exception {
		Path in = Files.createDirectories(dir.resolve("in")), out = dir.resolve("out");
		for (int i = 0; i < 3; i++)
			ImageFiles.writeBytes(JpegCodec.compress(TestData.synthetic(40 + 8 * i, 36, 1, i), 15 + 10 * i, Subsampling.S420), in.resolve("f" + i + ".jpg"), false);
		ImageFiles.write(TestData.synthetic(20, 20, 1, 9), in.resolve("notes.png"), false);
		String macro = Files.readString(Path.of("macros/restore-folder.ijm"));
		String arg = "input=[" + in + "] output=[" + out + "] device=cpu model=[" + TestModels.tinyCardPath() + "]";
		assertNull(MacroRunner.run(macro, arg));
		for (int i = 0; i < 3; i++) {
			Image8 r = ImageFiles.read(out.resolve("f" + i + "-restored.png"));
			Image8 expect = TestModels.restoreLuma(JpegCodec.decode(Files.readAllBytes(in.resolve("f" + i + ".jpg"))), 15 + 10 * i, 0);
			assertEquals(expect, r, "file " + i + " restored at its own QF");
		}
		long before = Files.getLastModifiedTime(out.resolve("f0-restored.png")).toMillis();
		Files.writeString(out.resolve("f1-restored.png"), "keep me");
		assertNull(MacroRunner.run(macro, arg));
		assertEquals("keep me", Files.readString(out.resolve("f1-restored.png")), "existing outputs are not overwritten");
		assertEquals(before, Files.getLastModifiedTime(out.resolve("f0-restored.png")).toMillis());
	}

	/** The folder macro never reports success for a failure: a bad file is logged, the rest restored, the macro ends in an error (issue 9, item 1). */
	@Test
	void exampleFolderMacroGoesOnPastABadFileAndFails() throws Exception {
		Path in = Files.createDirectories(dir.resolve("in2")), out = dir.resolve("out2");
		for (int i = 0; i < 2; i++)
			ImageFiles.writeBytes(JpegCodec.compress(TestData.synthetic(40, 32, 1, i), 30, Subsampling.S420), in.resolve("g" + i + ".jpg"), false);
		Files.writeString(in.resolve("a-bad.jpg"), "text, not a JPEG");
		String macro = Files.readString(Path.of("macros/restore-folder.ijm"));
		String err = MacroRunner.run(macro, "input=[" + in + "] output=[" + out + "] device=cpu model=[" + TestModels.tinyCardPath() + "]");
		assertNotNull(err, "a failed file fails the macro");
		assertTrue(Files.exists(out.resolve("g0-restored.png")) && Files.exists(out.resolve("g1-restored.png")), "the files after the bad one are restored");
		assertTrue(!Files.exists(out.resolve("a-bad-restored.png")), "no output for the bad file");
		List<String> log = Files.readAllLines(out.resolve("restore-log.csv"));
		assertEquals(4, log.size());
		assertTrue(log.get(1).contains("a-bad.jpg,failed,"), log.get(1));
	}
}
