package io.github.jpegrestore.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import io.github.jpegrestore.TestData;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.Subsampling;
import io.github.jpegrestore.metrics.Metrics;
import io.github.jpegrestore.metrics.SsimWindow;
import io.github.jpegrestore.metrics.YMode;

/** The analysis commands through their ImageJ adapters and real macro strings. */
class AnalysisPluginsTest {
	@TempDir Path dir;

	static ImagePlus imp(String title, Image8 im) {
		return new ImagePlus(title, new ByteProcessor(im.width, im.height, im.data.clone()));
	}

	@Test
	void metricsTablePerPlaneAndMean() {
		Image8 a = TestData.synthetic(64, 48, 1, 1), b = TestData.synthetic(64, 48, 1, 2);
		Image8 ja = JpegCodec.roundTrip(a, 20, Subsampling.S420), jb = JpegCodec.roundTrip(b, 20, Subsampling.S420);
		ImageStack rs = new ImageStack(64, 48), ts = new ImageStack(64, 48);
		rs.addSlice(new ByteProcessor(64, 48, a.data.clone()));
		rs.addSlice(new ByteProcessor(64, 48, b.data.clone()));
		ts.addSlice(new ByteProcessor(64, 48, ja.data.clone()));
		ts.addSlice(new ByteProcessor(64, 48, jb.data.clone()));
		ImagePlus ref = new ImagePlus("ref", rs), test = new ImagePlus("test", ts);
		WindowManager.setTempCurrentImage(ref);
		ij.macro.Interpreter.batchMode = true;
		ij.macro.Interpreter.addBatchModeImage(ref);
		ij.macro.Interpreter.addBatchModeImage(test);
		try {
			ResultsTable rt = QualityMetricsPlugin.measure(QualityMetricsPlugin.SPEC.parse("reference=ref test=test y=full ssim=gaussian"));
			assertEquals(3, rt.size());
			Metrics.Result m1 = Metrics.compute(a, ja, YMode.FULL, SsimWindow.GAUSSIAN), m2 = Metrics.compute(b, jb, YMode.FULL, SsimWindow.GAUSSIAN);
			assertEquals(m1.psnr, rt.getValue("PSNR", 0), 1e-9);
			assertEquals(m2.psnrb, rt.getValue("PSNR-B", 1), 1e-9);
			assertEquals("mean", rt.getStringValue("Plane", 2));
			assertEquals((m1.ssim + m2.ssim) / 2, rt.getValue("SSIM", 2), 1e-9);
		} finally {
			ij.macro.Interpreter.removeBatchModeImage(ref);
			ij.macro.Interpreter.removeBatchModeImage(test);
		}
	}

	@Test
	void dctViewsAndEstimateFromAJpegFile() throws Exception {
		Path jpg = dir.resolve("cells.jpg");
		ImageFiles.writeBytes(JpegCodec.compress(TestData.synthetic(80, 64, 1, 3), 45, Subsampling.S420), jpg, false);
		ImagePlus imp = IJ.openImage(jpg.toString());
		List<ImagePlus> views = DctViewerPlugin.views(imp, DctViewerPlugin.SPEC.parse("blocks bands tables nonzero qf=file"), s -> {});
		assertEquals(4, views.size());
		assertEquals(80, views.get(0).getWidth());
		assertEquals(64, views.get(1).getStackSize());
		assertEquals(10, views.get(1).getWidth());
		assertTrue(views.get(1).getStack().getSliceLabel(1).startsWith("k=0 u=0 v=0"));
		assertEquals(1, views.get(2).getStackSize(), "one table in a gray JPEG");
		assertTrue(views.get(2).getStack().getSliceLabel(1).contains("QF 45"));
		assertNotNull(views.get(3));
		ResultsTable est = EstimateQualityPlugin.estimate(imp);
		assertEquals(2, est.size());
		assertEquals(45, (int) est.getValue("QF", 0));
		assertEquals("true", est.getStringValue("IJG", 0));
		assertEquals(45, est.getValue("QF", 1), 5);
	}

	@Test
	void patchAnalysisOverlayAndClassTable() {
		Image8 ref = TestData.synthetic(320, 128, 1, 4);
		ImagePlus test = imp("jpeg", JpegCodec.roundTrip(ref, 15, Subsampling.S420));
		PatchAnalysisPlugin.Result r = PatchAnalysisPlugin.analyse(test, imp("ref", ref), true);
		assertEquals(10, r.patches.size());
		assertEquals(10, r.classes.size(), "five classes for each of the two measures");
		assertEquals(2 * 10 + 6, r.overlay.getOverlay().size(), "fill and border per patch, legend");
		assertTrue(r.patches.columnExists("psnrb"));
	}

	@Test
	void analysisCommandsRunFromMacros() throws Exception {
		Path jpg = dir.resolve("m.jpg");
		ImageFiles.writeBytes(JpegCodec.compress(TestData.synthetic(128, 128, 1, 5), 30, Subsampling.S420), jpg, false);
		Path orig = dir.resolve("o.png");
		ImageFiles.write(TestData.synthetic(128, 128, 1, 5), orig, false);
		String macro = "open(\"" + orig + "\"); rename(\"orig\");\n"
			+ "open(\"" + jpg + "\"); rename(\"jpeg\");\n"
			+ "run(\"JPEG Quality Metrics\", \"reference=orig test=jpeg y=full ssim=gaussian\");\n"
			+ "selectImage(\"jpeg\");\n"
			+ "run(\"JPEG Estimate Quality\");\n"
			+ "run(\"JPEG DCT Viewer\", \"blocks bands nonzero qf=30 compare1=orig compare2=none\");\n"
			+ "selectImage(\"jpeg\");\n"
			+ "run(\"JPEG Patch Analysis\", \"reference=orig color=detail\");\n";
		assertNull(MacroRunner.run(macro, ""));
		String bad = MacroRunner.run("open(\"" + orig + "\");\nrun(\"JPEG Quality Metrics\", \"reference=nothing test=o.png\");\n", "");
		assertNotNull(bad);
		assertTrue(bad.contains("no open image is titled 'nothing'"), bad);
	}

	@Test
	void sciJavaTwinsRunThroughCommandService() throws Exception {
		Image8 ref = TestData.synthetic(128, 128, 1, 6);
		ImagePlus r = imp("ref", ref), t = imp("jpeg", JpegCodec.roundTrip(ref, 20, Subsampling.S420));
		try (org.scijava.Context ctx = new org.scijava.Context(org.scijava.command.CommandService.class)) {
			org.scijava.command.CommandService cs = ctx.service(org.scijava.command.CommandService.class);
			ResultsTable m = (ResultsTable) cs.run(AnalysisCommands.QualityMetrics.class, true, "reference", r, "test", t, "y", "full", "ssim", "gaussian")
				.get().getOutput("results");
			assertEquals(Metrics.compute(ref, Planes.toImage8(t.getProcessor()), YMode.FULL, SsimWindow.GAUSSIAN).psnr, m.getValue("PSNR", 0), 1e-9);
			ResultsTable e = (ResultsTable) cs.run(AnalysisCommands.EstimateQuality.class, true, "imp", t).get().getOutput("results");
			assertEquals(20, e.getValue("QF", e.size() - 1), 5);
			org.scijava.module.Module pm = cs.run(AnalysisCommands.PatchAnalysis.class, true, "imp", t, "reference", r, "color", "detail").get();
			assertEquals(4, ((ResultsTable) pm.getOutput("patches")).size());
			org.scijava.module.Module dm = cs.run(AnalysisCommands.DctViewer.class, true, "imp", t, "blocks", true, "bands", false, "nonzero", true,
				"qf", "90", "compare1", r).get();
			assertEquals(128, ((ImagePlus) dm.getOutput("blockMap")).getWidth());
			assertNull(dm.getOutput("bandStack"));
			assertNotNull(dm.getOutput("nonzeroPlot"));
		}
	}

	@Test
	void simulatedJpegCarriesItsTablesIntoTheRestorer() throws Exception {
		Image8 src = TestData.synthetic(72, 40, 1, 12);
		ImagePlus sim = SimulateCompressionPlugin.simulate(imp("cells.tif", src), SimulateCompressionPlugin.SPEC.parse("qf=25 subsampling=420"));
		assertEquals("cells-jpeg25", sim.getTitle());
		assertEquals(JpegCodec.roundTrip(src, 25, Subsampling.S420), Planes.toImage8(sim.getProcessor()));
		List<String> log = new java.util.ArrayList<>();
		CommandSpec.Values v = RestoreOp.LUMA.parse("qf=auto constrain device=cpu model=[" + io.github.jpegrestore.TestModels.tinyCardPath() + "]");
		RestoreOp.run(RestoreOp.LUMA, v, sim, io.github.jpegrestore.inference.Progress.NONE, log::add);
		assertTrue(log.stream().anyMatch(l -> l.contains("QF 25 (file)")), log.toString());
		ImagePlus dbl = SimulateCompressionPlugin.simulate(imp("c", src), SimulateCompressionPlugin.SPEC.parse("qf=30 then_qf=80 shift=3,2"));
		assertEquals(69, dbl.getWidth());
		assertEquals(38, dbl.getHeight());
		String err = MacroRunner.run("newImage(\"x\", \"8-bit ramp\", 32, 32, 1);\nrun(\"JPEG Simulate Compression\", \"qf=20 shift=1,1\");\n", "");
		assertNotNull(err);
		assertTrue(err.contains("then_qf"), err);
	}
}
