package io.github.jpegrestore.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.measure.ResultsTable;
import io.github.jpegrestore.TestData;
import io.github.jpegrestore.TestModels;
import io.github.jpegrestore.inference.DeviceChoice;
import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.Subsampling;
import io.github.jpegrestore.restore.Input;
import io.github.jpegrestore.restore.QfChoice;
import io.github.jpegrestore.restore.RestoreOptions;
import io.github.jpegrestore.restore.Restorers;

/** "JPEG Restore Blind" through ImageJ: predicted QF in the Log and the results table, override, sweep stack, macro, twin. */
class RestoreBlindTest {
	@TempDir Path dir;
	static final String MODEL = "model=[" + TestModels.tinyBlindCardPath() + "]";

	static ImagePlus gray(int w, int h, int planes) {
		ImageStack st = new ImageStack(w, h);
		for (int i = 0; i < planes; i++)
			st.addSlice("p" + i, Planes.toProcessor(JpegCodec.roundTrip(TestData.synthetic(w, h, 1, 20 + i), 15, Subsampling.S420), null));
		ImagePlus imp = new ImagePlus("scan.png", st);
		Calibration cal = imp.getCalibration();
		cal.pixelWidth = 0.25;
		cal.setUnit("um");
		return imp;
	}

	static Image8 expected(Image8 plane, String qf) {
		return Restorers.create(TestModels.tinyBlindCardPath().toString(), new RestoreOptions().qf(QfChoice.parse(qf)).device(DeviceChoice.CPU))
			.restore(Input.pixels(plane), Progress.NONE).image;
	}

	@Test
	void predictedQfGoesToTheLogAndAGrowingTable() {
		ImagePlus imp = gray(64, 56, 2);
		List<String> log = new ArrayList<>();
		ImagePlus out = RestoreOp.run(RestoreOp.BLIND, RestoreOp.BLIND.parse("device=cpu " + MODEL), imp, Progress.NONE, log::add);
		assertEquals("scan-tiny-blind", out.getTitle(), "title + the model");
		assertEquals(2, out.getStackSize());
		assertEquals(0.25, out.getCalibration().pixelWidth);
		assertEquals(expected(Planes.toImage8(imp.getStack().getProcessor(2)), "auto"), Planes.toImage8(out.getStack().getProcessor(2)));
		assertTrue(log.stream().anyMatch(l -> l.contains("plane 2 restored at QF") && l.contains("(predicted)")), log.toString());
		ResultsTable t = Tables.appendAndShow(new ResultsTable(), RestoreOp.TABLE);
		int before = t.size();
		assertTrue(before >= 2, "one row per plane for per-plane QFs: " + before);
		assertEquals("predicted", t.getStringValue("QF source", before - 1));
		assertEquals("2", t.getStringValue("Plane", before - 1));
		RestoreOp.run(RestoreOp.BLIND, RestoreOp.BLIND.parse("qf=35 device=cpu " + MODEL), gray(40, 40, 1), Progress.NONE, s -> {});
		ResultsTable after = Tables.appendAndShow(new ResultsTable(), RestoreOp.TABLE);
		assertEquals(before + 1, after.size(), "a second run adds its row");
		assertEquals(35, (int) after.getValue("QF", after.size() - 1));
		assertEquals("given", after.getStringValue("QF source", after.size() - 1));
	}

	@Test
	void sweepMakesALabelledStack() {
		ImagePlus imp = gray(48, 40, 1);
		ImagePlus out = RestoreOp.run(RestoreOp.BLIND, RestoreOp.BLIND.parse("sweep device=cpu " + MODEL), imp, Progress.NONE, s -> {});
		assertEquals("scan-tiny-blind-qf-sweep", out.getTitle());
		assertEquals(9, out.getStackSize());
		assertEquals(9, out.getNSlices());
		for (int i = 1; i <= 9; i++) assertEquals("QF " + 10 * i, out.getStack().getSliceLabel(i));
		assertEquals(0.25, out.getCalibration().pixelWidth);
		assertEquals(expected(Planes.toImage8(imp.getProcessor()), "70"), Planes.toImage8(out.getStack().getProcessor(7)));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> RestoreOp.run(RestoreOp.BLIND, RestoreOp.BLIND.parse("sweep device=cpu " + MODEL), gray(32, 32, 2), Progress.NONE, s -> {}));
		assertTrue(e.getMessage().contains("one image"), e.getMessage());
		assertThrows(IllegalArgumentException.class,
			() -> RestoreOp.run(RestoreOp.BLIND, RestoreOp.BLIND.parse("sweep qf=30 device=cpu " + MODEL), imp, Progress.NONE, s -> {}));
	}

	@Test
	void macroAndTwin() throws Exception {
		Path jpg = dir.resolve("scan.jpg"), out = dir.resolve("out.png");
		ImageFiles.writeBytes(JpegCodec.compressDouble(TestData.synthetic(96, 96, 1, 7), 10, 30, 4, 4, Subsampling.S420), jpg, false);
		String macro = "open(\"" + jpg + "\");\nrun(\"JPEG Restore Blind\", \"qf=auto device=cpu " + MODEL + "\");\nsaveAs(\"PNG\", \"" + out + "\");\n";
		assertNull(MacroRunner.run(macro, ""));
		Input in = Input.jpegFile(java.nio.file.Files.readAllBytes(jpg));
		assertEquals(Restorers.create(TestModels.tinyBlindCardPath().toString(), new RestoreOptions().device(DeviceChoice.CPU)).restore(in, Progress.NONE).image,
			ImageFiles.read(out), "the macro's result is the restorer's (the double JPEG's dominant QF)");
		try (Context ctx = new Context(CommandService.class)) {
			ImagePlus imp = gray(40, 40, 1);
			CommandModule m = ctx.service(CommandService.class).run(RestoreBlindCommand.class, true, "imp", imp, "qf", "auto", "device", "cpu",
				"model", TestModels.tinyBlindCardPath().toString()).get();
			ImagePlus r = (ImagePlus) m.getOutput("restored");
			assertEquals(expected(Planes.toImage8(imp.getProcessor()), "auto"), Planes.toImage8(r.getProcessor()));
		}
	}
}
