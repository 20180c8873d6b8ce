package io.github.jpegrestore.ij;

import java.util.List;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import io.github.jpegrestore.inference.ContextLoader;
import ij.measure.ResultsTable;

/**
 * SciJava twins of the analysis commands, for scripts, CommandService and headless Fiji. Like
 * {@link RestoreLumaCommand} they have no menu path (the menu entries are the ImageJ 1 plugins of
 * plugins.config, shown once in Fiji) and persist no parameters. Their input fields are named as
 * the keys of the command's {@link CommandSpec} (a test checks names, defaults and choices), are
 * read through it, and run the same code as the menu entry, returning tables and images as outputs.
 */
public final class AnalysisCommands {
	private AnalysisCommands() {}

	static void require(ImagePlus imp, String what) {
		if (imp == null || imp.getWidth() == 0 || imp.getStackSize() == 0) throw new IllegalArgumentException("no " + what + " image (or an empty one)");
	}

	@Plugin(type = Command.class, headless = true, name = Menu.METRICS, label = Menu.METRICS)
	public static class QualityMetrics implements Command {
		@Parameter(label = "reference", persist = false) public ImagePlus reference;
		@Parameter(label = "test", persist = false) public ImagePlus test;
		@Parameter(label = "y", choices = { "full", "studio", "none" }, persist = false) public String y = "full";
		@Parameter(label = "ssim", choices = { "gaussian", "uniform8" }, persist = false) public String ssim = "gaussian";
		@Parameter(type = ItemIO.OUTPUT) public ResultsTable results;

		@Override
		public void run() {
			results = QualityMetricsPlugin.measure(QualityMetricsPlugin.SPEC.fromFields(this));
		}
	}

	@Plugin(type = Command.class, headless = true, name = Menu.ESTIMATE, label = Menu.ESTIMATE)
	public static class EstimateQuality implements Command {
		@Parameter(label = "image", persist = false) public ImagePlus imp;
		@Parameter(type = ItemIO.OUTPUT) public ResultsTable results;

		@Override
		public void run() {
			require(imp, "input");
			results = EstimateQualityPlugin.estimate(imp);
		}
	}

	@Plugin(type = Command.class, headless = true, name = Menu.PATCHES, label = Menu.PATCHES)
	public static class PatchAnalysis implements Command {
		@Parameter(label = "image", persist = false) public ImagePlus imp;
		@Parameter(label = "reference", required = false, persist = false) public ImagePlus reference;
		@Parameter(label = "color", choices = { "frequency", "detail" }, persist = false) public String color = "frequency";
		@Parameter(type = ItemIO.OUTPUT) public ResultsTable patches;
		@Parameter(type = ItemIO.OUTPUT) public ResultsTable classes;
		@Parameter(type = ItemIO.OUTPUT) public ImagePlus overlay;

		@Override
		public void run() {
			require(imp, "input");
			CommandSpec.Values v = PatchAnalysisPlugin.SPEC.fromFields(this);
			PatchAnalysisPlugin.Result r = PatchAnalysisPlugin.analyse(imp, v.image("reference"), v.text("color").equals("frequency"));
			patches = r.patches;
			classes = r.classes;
			overlay = r.overlay;
		}
	}

	@Plugin(type = Command.class, headless = true, name = Menu.DCT, label = Menu.DCT)
	public static class DctViewer implements Command {
		@Parameter(label = "image", persist = false) public ImagePlus imp;
		@Parameter(label = "blocks", persist = false) public boolean blocks = true;
		@Parameter(label = "bands", persist = false) public boolean bands = true;
		@Parameter(label = "tables", persist = false) public boolean tables = true;
		@Parameter(label = "nonzero", persist = false) public boolean nonzero = true;
		@Parameter(label = "qf", description = "1-100 or file", persist = false) public String qf = "90";
		@Parameter(label = "compare1", required = false, persist = false) public ImagePlus compare1;
		@Parameter(label = "compare2", required = false, persist = false) public ImagePlus compare2;
		@Parameter(required = false) public LogService log;
		@Parameter(type = ItemIO.OUTPUT) public ImagePlus blockMap;
		@Parameter(type = ItemIO.OUTPUT) public ImagePlus bandStack;
		@Parameter(type = ItemIO.OUTPUT) public ImagePlus quantizationTables;
		@Parameter(type = ItemIO.OUTPUT) public ImagePlus nonzeroPlot;

		@Override
		public void run() {
			require(imp, "input");
			Planes.validate(imp);
			for (ImagePlus v : DctViewerPlugin.views(imp, DctViewerPlugin.SPEC.fromFields(this), m -> {
				if (log != null) log.info(m);
			})) {
				String t = v.getTitle();
				if (t.endsWith("-DCT-blocks")) blockMap = v;
				else if (t.endsWith("-DCT-bands")) bandStack = v;
				else if (t.endsWith("-quantization-tables")) quantizationTables = v;
				else nonzeroPlot = v;
			}
		}
	}

	@Plugin(type = Command.class, headless = true, name = Menu.SIMULATE, label = Menu.SIMULATE)
	public static class SimulateCompression implements Command {
		@Parameter(label = "image", persist = false) public ImagePlus imp;
		@Parameter(label = "qf", min = "1", max = "100", persist = false) public int qf = 20;
		@Parameter(label = "subsampling", choices = { "420", "444" }, persist = false) public String subsampling = "420";
		@Parameter(label = "then_qf", min = "0", max = "100", description = "0 = single JPEG", persist = false) public int then_qf;
		@Parameter(label = "shift", description = "DX,DY (0..7) before the second compression", persist = false) public String shift = "0,0";
		@Parameter(type = ItemIO.OUTPUT) public ImagePlus compressed;

		@Override
		public void run() {
			require(imp, "input");
			compressed = SimulateCompressionPlugin.simulate(imp, SimulateCompressionPlugin.SPEC.fromFields(this));
		}
	}

	@Plugin(type = Command.class, headless = true, name = Menu.BENCHMARK, label = Menu.BENCHMARK)
	public static class RestoreBenchmark implements Command {
		@Parameter(label = "folder", description = "folder of original (uncompressed) images", persist = false) public String folder = "";
		@Parameter(label = "qf", description = "qualities, comma-separated", persist = false) public String qf = "10,20,30,40";
		@Parameter(label = "models", description = "jpeg, jpegqs, luma, color, blind or card paths", persist = false) public String models = "jpeg,luma";
		@Parameter(label = "y", choices = { "full", "studio", "none" }, persist = false) public String y = "full";
		@Parameter(label = "then_qf", min = "0", max = "100", description = "0 = single JPEG", persist = false) public int then_qf;
		@Parameter(label = "shift", description = "DX,DY (0..7) before the second compression", persist = false) public String shift = "0,0";
		@Parameter(label = "device", choices = { "auto", "cpu", "gpu" }, persist = false) public String device = "auto";
		@Parameter(label = "precision", choices = { "auto", "fp32", "bf16" }, persist = false) public String precision = "auto";
		@Parameter(label = "ensemble", persist = false) public boolean ensemble;
		@Parameter(type = ItemIO.OUTPUT) public ResultsTable results;
		@Parameter(type = ItemIO.OUTPUT) public ImagePlus plot;

		@Override
		public void run() {
			BenchmarkPlugin.Result r = ContextLoader.call(() -> BenchmarkPlugin.run(BenchmarkPlugin.SPEC.fromFields(this), new IjProgress(Menu.BENCHMARK), m -> {}));
			results = r.table;
			plot = r.plot;
		}
	}

	/** All twins, for the test that checks them against their specs. */
	static final List<Object[]> TWINS = List.of(
		new Object[] { RestoreLumaCommand.class, RestoreOp.LUMA },
		new Object[] { RestoreColorCommand.class, RestoreOp.COLOR },
		new Object[] { RestoreBlindCommand.class, RestoreOp.BLIND },
		new Object[] { QualityMetrics.class, QualityMetricsPlugin.SPEC },
		new Object[] { EstimateQuality.class, EstimateQualityPlugin.SPEC },
		new Object[] { PatchAnalysis.class, PatchAnalysisPlugin.SPEC },
		new Object[] { DctViewer.class, DctViewerPlugin.SPEC },
		new Object[] { SimulateCompression.class, SimulateCompressionPlugin.SPEC },
		new Object[] { RestoreBenchmark.class, BenchmarkPlugin.SPEC });
}
