package io.github.jpegrestore.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import ij.measure.ResultsTable;
import io.github.jpegrestore.TestData;
import io.github.jpegrestore.TestModels;
import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.restore.Benchmark;
import io.github.jpegrestore.restore.Restorers;
import io.github.jpegrestore.restore.RestoreOptions;

/** "JPEG Restore Benchmark": the command line's table in Fiji, its plot, macro and twin. */
class BenchmarkPluginTest {
	@TempDir Path dir;

	Path folder() throws Exception {
		Path d = Files.createDirectories(dir.resolve("set"));
		ImageFiles.write(TestData.synthetic(48, 40, 1, 1), d.resolve("a.png"), false);
		ImageFiles.write(TestData.synthetic(40, 48, 1, 2), d.resolve("b.png"), false);
		return d;
	}

	@Test
	void meansPerModelAndQfAsTheCommandLineComputesThem() throws Exception {
		Path d = folder();
		List<String> log = new ArrayList<>();
		List<Long> bar = new ArrayList<>();
		BenchmarkPlugin.Result r = BenchmarkPlugin.run(BenchmarkPlugin.SPEC.parse("folder=[" + d + "] qf=10,30 models=[jpeg," + TestModels.tinyCardPath() + "] device=cpu"),
			(done, total) -> bar.add(Math.round(1000.0 * done / total)), log::add);
		ResultsTable t = r.table;
		assertEquals(4, t.size());
		assertEquals("jpeg", t.getStringValue("Model", 0));
		assertEquals("tiny", t.getStringValue("Model", 2));
		assertEquals("30", t.getStringValue("QF", 3));
		List<Benchmark.Row> cli = new Benchmark().run(d, List.of(10, 30), Restorers.create("jpeg", new RestoreOptions()), row -> {});
		assertEquals(cli.get(2).psnr, t.getValue("PSNR", 0), 1e-9, "the same mean as benchmark --model jpeg");
		assertNotNull(r.plot);
		assertEquals(1000L, bar.get(bar.size() - 1));
		assertTrue(log.get(0).contains("model 'jpeg'"), log.toString());
	}

	/**
	 * Equivalent quality (issue 25): a JPEG is worth its own QF or less, never more; the equivalent
	 * QF is the lowest whose JPEG reaches the restored PSNR; the table and a second plot show it.
	 */
	@Test
	void equivalentQualityIsTheLowestQfAsGood() throws Exception {
		Path d = folder();
		BenchmarkPlugin.Result r = BenchmarkPlugin.run(BenchmarkPlugin.SPEC.parse("folder=[" + d + "] qf=20,50 models=jpeg equivalent device=cpu"), Progress.NONE, s -> {});
		assertNotNull(r.equivalentPlot);
		for (int i = 0; i < 2; i++) {
			double q = Double.parseDouble(r.table.getStringValue("QF", i));
			double eq = r.table.getValue("Equivalent QF (PSNR)", i);
			assertTrue(eq <= q && eq >= q - 10, "a JPEG at QF " + q + " is worth QF " + eq);
			assertTrue(r.table.getValue("Storage saved %", i) <= 0, "unrestored saves nothing");
		}
		io.github.jpegrestore.jpeg.Image8 ref = TestData.synthetic(48, 40, 1, 1);
		io.github.jpegrestore.metrics.Metrics.Result target = new io.github.jpegrestore.metrics.Metrics.Result(36.0, 0.95, 35.0);
		io.github.jpegrestore.restore.Equivalent e = io.github.jpegrestore.restore.Equivalent.of(ref, target, io.github.jpegrestore.metrics.YMode.FULL,
			io.github.jpegrestore.metrics.SsimWindow.GAUSSIAN, io.github.jpegrestore.jpeg.Subsampling.S420);
		java.util.function.IntToDoubleFunction psnr = q -> io.github.jpegrestore.metrics.Metrics.compute(ref,
			io.github.jpegrestore.jpeg.JpegCodec.roundTrip(ref, q, io.github.jpegrestore.jpeg.Subsampling.S420),
			io.github.jpegrestore.metrics.YMode.FULL, io.github.jpegrestore.metrics.SsimWindow.GAUSSIAN).psnr;
		assertTrue(e.qfPsnr > 1 && e.qfPsnr <= 100, "QF " + e.qfPsnr);
		assertTrue(psnr.applyAsDouble(e.qfPsnr) >= 36.0 && psnr.applyAsDouble(e.qfPsnr - 1) < 36.0, "the lowest QF reaching 36 dB: " + e.qfPsnr);
		assertEquals(io.github.jpegrestore.jpeg.JpegCodec.compress(ref, e.qfPsnr, io.github.jpegrestore.jpeg.Subsampling.S420).length, e.bytesPsnr);
		assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchmarkPlugin.run(BenchmarkPlugin.SPEC.parse("folder=[" + d + "] qf=20 models=jpeg equivalent then_qf=30 device=cpu"),
			Progress.NONE, s -> {})).getMessage().contains("equivalent compares with single JPEGs"));
	}

	@Test
	void plotDrawsEachCurveInItsOwnColour() {
		java.util.Map<String, double[]> curves = new java.util.LinkedHashMap<>();
		curves.put("jpeg", new double[] { 30, 32, 33 });
		curves.put("luma", new double[] { 31, 33, 34 });
		ij.ImagePlus plot = BenchmarkPlugin.plot("set", List.of(10, 20, 30), curves, 0, "PSNR (dB)", "");
		ij.process.ColorProcessor cp = plot.getProcessor().convertToColorProcessor();
		java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
		for (int i = 0; i < cp.getPixelCount(); i++) {
			int c = cp.get(i), r = (c >> 16) & 255, g = (c >> 8) & 255, b = c & 255;
			if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 100) counts.merge(c & 0xffffff, 1, Integer::sum);
		}
		for (int k = 0; k < curves.size(); k++) {
			int rgb = BenchmarkPlugin.COLORS[k].getRGB() & 0xffffff;
			if (k == 0) continue; // the first colour is gray, not saturated
			assertTrue(counts.getOrDefault(rgb, 0) > 200, "curve " + k + " is drawn in its colour: " + counts.getOrDefault(rgb, 0) + " pixels");
		}
	}

	@Test
	void badInputsAreOneLine() throws Exception {
		Path d = folder();
		assertThrows(IllegalArgumentException.class, () -> BenchmarkPlugin.run(BenchmarkPlugin.SPEC.parse("qf=10"), Progress.NONE, s -> {}));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> BenchmarkPlugin.run(BenchmarkPlugin.SPEC.parse("folder=[" + d + "] qf=10,0"), Progress.NONE, s -> {}));
		assertTrue(e.getMessage().contains("1..100"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> BenchmarkPlugin.run(BenchmarkPlugin.SPEC.parse("folder=[" + d + "] shift=1,1"), Progress.NONE, s -> {}));
	}

	@Test
	void macroAndTwin() throws Exception {
		Path d = folder();
		assertNull(MacroRunner.run("run(\"JPEG Restore Benchmark\", \"folder=[" + d + "] qf=20 models=jpeg then_qf=40 shift=4,4\");\n", ""));
		ResultsTable shown = Tables.appendAndShow(new ResultsTable(), BenchmarkPlugin.TITLE);
		assertTrue(shown.size() >= 1);
		assertEquals("20 then 40", shown.getStringValue("QF", shown.size() - 1));
		try (Context ctx = new Context(CommandService.class)) {
			CommandModule m = ctx.service(CommandService.class).run(AnalysisCommands.RestoreBenchmark.class, true, "folder", d.toString(), "qf", "50", "models", "jpeg").get();
			ResultsTable t = (ResultsTable) m.getOutput("results");
			assertEquals(1, t.size());
			assertNotNull(m.getOutput("plot"));
		}
	}
}
