package io.github.jpegrestore.ij;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import io.github.jpegrestore.inference.ContextLoader;
import io.github.jpegrestore.options.Catalog;
import ij.measure.ResultsTable;

/**
 * SciJava twins of the analysis commands, for scripts, CommandService and headless Fiji. Like
 * {@link RestoreLumaCommand} they have no menu path (the menu entries are the ImageJ 1 plugins of
 * plugins.config, shown once in Fiji) and persist no parameters. Their input fields are named as
 * the keys of the command's {@link CommandSpec}, with the core's help and defaults ({@link Catalog};
 * a test checks names, types, defaults, choices, bounds and help), are
 * read through it, and run the same code as the menu entry, returning tables and images as outputs.
 */
public final class AnalysisCommands {
	private AnalysisCommands() {}

	@Plugin(type = Command.class, headless = true, name = Menu.METRICS, label = Menu.METRICS)
	public static class QualityMetrics implements Command {
		@Parameter(label = "reference", description = Catalog.H_REFERENCE, persist = false) public ImagePlus reference;
		@Parameter(label = "test", description = Catalog.H_TEST, persist = false) public ImagePlus test;
		@Parameter(label = "y", description = Catalog.H_Y, choices = { "full", "studio", "none" }, persist = false) public String y = Catalog.Y.def;
		@Parameter(label = "ssim", description = Catalog.H_SSIM, choices = { "gaussian", "uniform8" }, persist = false) public String ssim = Catalog.SSIM.def;
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
			Images.require(imp, "input");
			results = EstimateQualityPlugin.estimate(imp);
		}
	}

	@Plugin(type = Command.class, headless = true, name = Menu.PATCHES, label = Menu.PATCHES)
	public static class PatchAnalysis implements Command {
		@Parameter(label = "image", persist = false) public ImagePlus imp;
		@Parameter(label = "reference", description = Catalog.H_PATCH_REFERENCE, required = false, persist = false) public ImagePlus reference;
		@Parameter(label = "color", description = Catalog.H_COLOR, choices = { "frequency", "detail" }, persist = false) public String color = Catalog.COLOR.def;
		@Parameter(type = ItemIO.OUTPUT) public ResultsTable patches;
		@Parameter(type = ItemIO.OUTPUT) public ResultsTable classes;
		@Parameter(type = ItemIO.OUTPUT) public ImagePlus overlay;

		@Override
		public void run() {
			Images.require(imp, "input");
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
		@Parameter(label = "blocks", description = Catalog.H_BLOCKS, persist = false) public boolean blocks = Catalog.BLOCKS.flagDefault();
		@Parameter(label = "bands", description = Catalog.H_BANDS, persist = false) public boolean bands = Catalog.BANDS.flagDefault();
		@Parameter(label = "tables", description = Catalog.H_TABLES, persist = false) public boolean tables = Catalog.TABLES.flagDefault();
		@Parameter(label = "nonzero", description = Catalog.H_NONZERO, persist = false) public boolean nonzero = Catalog.NONZERO.flagDefault();
		@Parameter(label = "qf", description = Catalog.H_DCT_QF, persist = false) public String qf = Catalog.DCT_QF.def;
		@Parameter(label = "compare1", description = Catalog.H_COMPARE, required = false, persist = false) public ImagePlus compare1;
		@Parameter(label = "compare2", description = Catalog.H_COMPARE, required = false, persist = false) public ImagePlus compare2;
		@Parameter(required = false) public LogService log;
		@Parameter(type = ItemIO.OUTPUT) public ImagePlus blockMap;
		@Parameter(type = ItemIO.OUTPUT) public ImagePlus bandStack;
		@Parameter(type = ItemIO.OUTPUT) public ImagePlus quantizationTables;
		@Parameter(type = ItemIO.OUTPUT) public ImagePlus nonzeroPlot;

		@Override
		public void run() {
			Images.require(imp, "input");
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
		@Parameter(label = "qf", description = Catalog.H_COMPRESS_QF, min = "1", max = "100", persist = false) public int qf = Catalog.COMPRESS_QF.intDefault();
		@Parameter(label = "subsampling", description = Catalog.H_SUBSAMPLING, choices = { "420", "444" }, persist = false) public String subsampling = Catalog.SUBSAMPLING.def;
		@Parameter(label = "then_qf", description = Catalog.H_THEN_QF, min = "0", max = "100", persist = false) public int then_qf = Catalog.THEN_QF.intDefault();
		@Parameter(label = "shift", description = Catalog.H_SHIFT, persist = false) public String shift = Catalog.SHIFT.def;
		@Parameter(type = ItemIO.OUTPUT) public ImagePlus compressed;

		@Override
		public void run() {
			Images.require(imp, "input");
			compressed = SimulateCompressionPlugin.simulate(imp, SimulateCompressionPlugin.SPEC.fromFields(this));
		}
	}

	@Plugin(type = Command.class, headless = true, name = Menu.BENCHMARK, label = Menu.BENCHMARK)
	public static class RestoreBenchmark implements Command {
		@Parameter(label = "folder", description = Catalog.H_FOLDER, style = "directory", persist = false) public String folder = Catalog.FOLDER.def;
		@Parameter(label = "qf", description = Catalog.H_QFS, persist = false) public String qf = Catalog.QFS.def;
		@Parameter(label = "models", description = Catalog.H_MODELS, persist = false) public String models = Catalog.MODELS.def;
		@Parameter(label = "restore_qf", description = Catalog.H_RESTORE_QF, choices = { "file", "auto", "predicted" }, persist = false) public String restore_qf = Catalog.RESTORE_QF.def;
		@Parameter(label = "y", description = Catalog.H_Y, choices = { "full", "studio", "none" }, persist = false) public String y = Catalog.Y.def;
		@Parameter(label = "ssim", description = Catalog.H_SSIM, choices = { "gaussian", "uniform8" }, persist = false) public String ssim = Catalog.SSIM.def;
		@Parameter(label = "then_qf", description = Catalog.H_THEN_QF, min = "0", max = "100", persist = false) public int then_qf = Catalog.THEN_QF.intDefault();
		@Parameter(label = "shift", description = Catalog.H_SHIFT, persist = false) public String shift = Catalog.SHIFT.def;
		@Parameter(label = "subsampling", description = Catalog.H_SUBSAMPLING, choices = { "420", "444" }, persist = false) public String subsampling = Catalog.SUBSAMPLING.def;
		@Parameter(label = "equivalent", description = Catalog.H_EQUIVALENT, persist = false) public boolean equivalent = Catalog.EQUIVALENT.flagDefault();
		@Parameter(label = "constrain", description = Catalog.H_CONSTRAIN, persist = false) public boolean constrain = Catalog.CONSTRAIN.flagDefault();
		@Parameter(label = "device", description = Catalog.H_DEVICE, choices = { "auto", "cpu", "gpu" }, persist = false) public String device = Catalog.DEVICE.def;
		@Parameter(label = "precision", description = Catalog.H_PRECISION, choices = { "auto", "fp32", "bf16", "int8" }, persist = false) public String precision = Catalog.PRECISION.def;
		@Parameter(label = "tile", description = Catalog.H_TILE, min = "0", max = "8192", persist = false) public int tile = Catalog.TILE.intDefault();
		@Parameter(label = "ensemble", description = Catalog.H_ENSEMBLE, persist = false) public boolean ensemble = Catalog.ENSEMBLE.flagDefault();
		@Parameter(label = "guide", description = Catalog.H_GUIDE, required = false, persist = false) public String guide = Catalog.GUIDE.def;
		@Parameter(type = ItemIO.OUTPUT) public ResultsTable results;
		@Parameter(type = ItemIO.OUTPUT) public ImagePlus plot;
		@Parameter(type = ItemIO.OUTPUT) public ImagePlus equivalentPlot;

		@Override
		public void run() {
			BenchmarkPlugin.Result r = ContextLoader.call(() -> BenchmarkPlugin.run(BenchmarkPlugin.SPEC.fromFields(this), new IjProgress(Menu.BENCHMARK), m -> {}));
			results = r.table;
			plot = r.plot;
			equivalentPlot = r.equivalentPlot;
		}
	}

	@Plugin(type = Command.class, headless = true, name = Menu.FINETUNE, label = Menu.FINETUNE)
	public static class FineTune implements Command {
		@Parameter(label = "data", description = Catalog.H_DATA, style = "directory", persist = false) public String data = Catalog.DATA.def;
		@Parameter(label = "out", description = Catalog.H_OUT, style = "save", persist = false) public String out = Catalog.OUT.def;
		@Parameter(label = "model", description = Catalog.H_TUNE_MODEL, persist = false) public String model = Catalog.TUNE_MODEL.def;
		@Parameter(label = "minutes", description = Catalog.H_MINUTES, min = "1", max = "1440", persist = false) public int minutes = Catalog.MINUTES.intDefault();
		@Parameter(label = "qf", description = Catalog.H_TUNE_QF, persist = false) public String qf = Catalog.TUNE_QF.def;
		@Parameter(label = "like", description = Catalog.H_LIKE, style = "directory", required = false, persist = false) public String like = Catalog.LIKE.def;
		@Parameter(label = "validate", description = Catalog.H_VALIDATE, style = "directory", required = false, persist = false) public String validate = Catalog.VALIDATE.def;
		@Parameter(label = "batch", description = Catalog.H_BATCH, min = "1", max = "64", persist = false) public int batch = Catalog.BATCH.intDefault();
		@Parameter(label = "patch", description = Catalog.H_PATCH, min = "32", max = "512", persist = false) public int patch = Catalog.PATCH.intDefault();
		@Parameter(label = "lr", description = Catalog.H_LR, persist = false) public String lr = Catalog.LR.def;
		@Parameter(label = "seed", description = Catalog.H_SEED, min = "0", max = "2147483647", persist = false) public int seed = Catalog.SEED.intDefault();
		@Parameter(label = "device", description = Catalog.H_DEVICE, choices = { "auto", "cpu", "gpu" }, persist = false) public String device = Catalog.DEVICE.def;
		@Parameter(type = ItemIO.OUTPUT) public ResultsTable results;

		@Override
		public void run() {
			results = ContextLoader.call(() -> FineTunePlugin.run(FineTunePlugin.SPEC.fromFields(this), new IjProgress(Menu.FINETUNE), m -> {}, t -> {}));
		}
	}
}
