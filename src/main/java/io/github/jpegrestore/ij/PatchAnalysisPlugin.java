package io.github.jpegrestore.ij;

import io.github.jpegrestore.options.Catalog;

import java.awt.Color;
import java.awt.Font;
import java.util.List;

import ij.ImagePlus;
import ij.gui.Overlay;
import ij.gui.Roi;
import ij.gui.TextRoi;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import io.github.jpegrestore.analysis.PatchAnalysis;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.YCbCr;
import io.github.jpegrestore.metrics.Metrics;

/**
 * Plugins > JPEG Restore > JPEG Patch Analysis: 64x64 patches on the block grid of the current
 * plane, classed by frequency and by detail density (five equal-count classes each); a copy of the
 * plane with an overlay colouring each patch by class (with a legend), the ResultsTable "Patches"
 * (one row per patch) and, with a reference, "Patch classes" with the mean PSNR / SSIM / PSNR-B of
 * each class (Zini et al. Tables V and VI).
 * Macro: run("JPEG Patch Analysis", "reference=original.tif color=frequency");
 */
public class PatchAnalysisPlugin implements PlugIn {
	public static final String TITLE = Menu.PATCHES;
	/** Class colours 1 (lowest) .. 5 (highest): blue to red. */
	static final Color[] CLASS_COLORS = { new Color(43, 131, 186), new Color(171, 221, 164), new Color(255, 255, 191),
		new Color(253, 174, 97), new Color(215, 25, 28) };

	public static final CommandSpec SPEC = new CommandSpec(TITLE, true, Catalog.PATCHES);

	@Override
	public void run(String arg) {
		PluginSupport.withValues(SPEC, v -> {
			ImagePlus imp = PluginSupport.currentImage();
			Result r = analyse(imp, v.image("reference"), v.text("color").equals("frequency"));
			// the tables grow run after run, each row naming its image
			if (r.classes != null) Tables.appendAndShow(r.classes, "Patch classes");
			Tables.appendAndShow(r.patches, "Patches"); // shown last: headless, the Results table is this one
			r.overlay.show();
		});
	}

	/** The three outputs. */
	public static final class Result {
		public final ResultsTable patches, classes;
		public final ImagePlus overlay;

		Result(ResultsTable patches, ResultsTable classes, ImagePlus overlay) {
			this.patches = patches;
			this.classes = classes;
			this.overlay = overlay;
		}
	}

	public static Result analyse(ImagePlus imp, ImagePlus reference, boolean byFrequency) {
		Planes.validate(imp);
		Image8 test = Planes.toImage8(imp.getProcessor());
		double[] ref = null;
		if (reference != null) {
			Planes.validate(reference);
			Image8 r = Planes.toImage8(reference.getProcessor());
			Metrics.checkPair(r, test, null);
			ref = YCbCr.luma(r, false).plane(0);
		}
		List<PatchAnalysis.Patch> ps = PatchAnalysis.analyse(YCbCr.luma(test, false).plane(0), test.width, test.height, ref);
		ResultsTable rt = new ResultsTable();
		Overlay ov = new Overlay();
		for (PatchAnalysis.Patch p : ps) {
			rt.incrementCounter();
			rt.addValue("image", imp.getTitle());
			rt.addValue("x", p.x);
			rt.addValue("y", p.y);
			rt.addValue("frequency", p.frequency);
			rt.addValue("detail_density", p.detail);
			rt.addValue("frequency_class", p.frequencyClass);
			rt.addValue("detail_class", p.detailClass);
			if (ref != null) {
				rt.addValue("psnr", p.psnr);
				rt.addValue("ssim", p.ssim);
				rt.addValue("psnrb", p.psnrb);
			}
			Color c = CLASS_COLORS[(byFrequency ? p.frequencyClass : p.detailClass) - 1];
			Roi roi = new Roi(p.x, p.y, PatchAnalysis.PATCH, PatchAnalysis.PATCH);
			roi.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 90));
			ov.add(roi);
			Roi border = new Roi(p.x, p.y, PatchAnalysis.PATCH, PatchAnalysis.PATCH);
			border.setStrokeColor(c);
			ov.add(border);
		}
		int fs = Math.max(10, Math.min(imp.getWidth(), imp.getHeight()) / 40);
		Font font = new Font("SansSerif", Font.BOLD, fs);
		TextRoi head = new TextRoi(4, 4, (byFrequency ? "frequency" : "detail density") + " class", font);
		head.setStrokeColor(Color.white);
		head.setFillColor(new Color(0, 0, 0, 160));
		ov.add(head);
		for (int k = 1; k <= PatchAnalysis.CLASSES; k++) {
			TextRoi t = new TextRoi(4, 4 + k * (fs + 4), " " + k + (k == 1 ? " (lowest)" : k == 5 ? " (highest)" : "") + " ", font);
			t.setStrokeColor(Color.black);
			t.setFillColor(CLASS_COLORS[k - 1]);
			ov.add(t);
		}
		ImagePlus shown = new ImagePlus(imp.getShortTitle() + "-patches-" + (byFrequency ? "frequency" : "detail"), imp.getProcessor().duplicate());
		shown.setCalibration(imp.getCalibration().copy());
		shown.setOverlay(ov);
		ResultsTable classes = null;
		if (ref != null) {
			classes = new ResultsTable();
			for (boolean f : new boolean[] { true, false }) {
				double[][] m = PatchAnalysis.classMeans(ps, f);
				for (int k = 1; k <= PatchAnalysis.CLASSES; k++) {
					classes.incrementCounter();
					classes.addValue("image", imp.getTitle());
					classes.addValue("reference", reference.getTitle());
					classes.addValue("measure", f ? "frequency" : "detail_density");
					classes.addValue("class", k);
					classes.addValue("patches", (int) m[k][3]);
					classes.addValue("psnr", m[k][0]);
					classes.addValue("ssim", m[k][1]);
					classes.addValue("psnrb", m[k][2]);
				}
			}
		}
		return new Result(rt, classes, shown);
	}
}
