package io.github.jpegrestore.ij;

import java.util.List;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.jpegrestore.metrics.SsimWindow;
import io.github.jpegrestore.metrics.YMode;

/**
 * SciJava twins of the analysis commands, for scripts, CommandService and headless Fiji. Like
 * {@link RestoreLumaCommand} they have no menu path (the menu entries are the ImageJ 1 plugins of
 * plugins.config, shown once in Fiji) and persist no parameters; each calls the same code as its
 * menu entry and returns its tables and images as outputs.
 */
public final class AnalysisCommands {
	private AnalysisCommands() {}

	static void require(ImagePlus imp, String what) {
		if (imp == null || imp.getWidth() == 0 || imp.getStackSize() == 0) throw new IllegalArgumentException("no " + what + " image (or an empty one)");
	}

	@Plugin(type = Command.class, headless = true, name = "JPEG Quality Metrics", label = "JPEG Quality Metrics")
	public static class QualityMetrics implements Command {
		@Parameter(label = "reference", persist = false) public ImagePlus reference;
		@Parameter(label = "test", persist = false) public ImagePlus test;
		@Parameter(label = "y", choices = { "full", "studio", "none" }, persist = false) public String y = "full";
		@Parameter(label = "ssim", choices = { "gaussian", "uniform8" }, persist = false) public String ssim = "gaussian";
		@Parameter(type = ItemIO.OUTPUT) public ResultsTable results;

		@Override
		public void run() {
			require(reference, "reference");
			require(test, "test");
			results = QualityMetricsPlugin.measure(reference, test, YMode.fromLabel(y), SsimWindow.fromLabel(ssim));
		}
	}

	@Plugin(type = Command.class, headless = true, name = "JPEG Estimate Quality", label = "JPEG Estimate Quality")
	public static class EstimateQuality implements Command {
		@Parameter(label = "image", persist = false) public ImagePlus imp;
		@Parameter(type = ItemIO.OUTPUT) public ResultsTable results;

		@Override
		public void run() {
			require(imp, "input");
			results = EstimateQualityPlugin.estimate(imp);
		}
	}

	@Plugin(type = Command.class, headless = true, name = "JPEG Patch Analysis", label = "JPEG Patch Analysis")
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
			PatchAnalysisPlugin.Result r = PatchAnalysisPlugin.analyse(imp, reference, !"detail".equals(color));
			patches = r.patches;
			classes = r.classes;
			overlay = r.overlay;
		}
	}

	@Plugin(type = Command.class, headless = true, name = "JPEG DCT Viewer", label = "JPEG DCT Viewer")
	public static class DctViewer implements Command {
		@Parameter(label = "image", persist = false) public ImagePlus imp;
		@Parameter(label = "blocks", persist = false) public boolean blocks = true;
		@Parameter(label = "bands", persist = false) public boolean bands = true;
		@Parameter(label = "nonzero", persist = false) public boolean nonzero = true;
		@Parameter(label = "qf", description = "1-100 or file", persist = false) public String qf = "90";
		@Parameter(label = "compare1", required = false, persist = false) public ImagePlus compare1;
		@Parameter(type = ItemIO.OUTPUT) public ImagePlus blockMap;
		@Parameter(type = ItemIO.OUTPUT) public ImagePlus bandStack;
		@Parameter(type = ItemIO.OUTPUT) public ImagePlus nonzeroPlot;

		@Override
		public void run() {
			require(imp, "input");
			Planes.validate(imp);
			List<ImagePlus> v = DctViewerPlugin.views(imp, (blocks ? "blocks " : "") + (bands ? "bands " : "") + (nonzero ? "nonzero " : "") + "qf=" + qf,
				compare1 == null ? new ImagePlus[0] : new ImagePlus[] { compare1 });
			int i = 0;
			if (blocks) blockMap = v.get(i++);
			if (bands) bandStack = v.get(i++);
			if (nonzero) nonzeroPlot = v.get(i);
		}
	}
}
