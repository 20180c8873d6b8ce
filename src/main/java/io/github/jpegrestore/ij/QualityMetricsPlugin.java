package io.github.jpegrestore.ij;

import ij.Macro;
import ij.gui.GenericDialog;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.metrics.Metrics;
import io.github.jpegrestore.metrics.SsimWindow;
import io.github.jpegrestore.metrics.YMode;

/**
 * Plugins > JPEG Restore > JPEG Quality Metrics: PSNR, SSIM and PSNR-B of a test image or stack
 * against a reference, per plane and their mean, in the ResultsTable "JPEG Quality Metrics".
 * Macro: run("JPEG Quality Metrics", "reference=original.tif test=restored.tif y=full ssim=gaussian");
 */
public class QualityMetricsPlugin implements PlugIn {
	public static final String TITLE = "JPEG Quality Metrics";

	@Override
	public void run(String arg) {
		String ref, test, y, ssim;
		String options = Macro.getOptions();
		try {
			if (options != null) {
				MacroOptions o = new MacroOptions(options, "reference", "test", "y", "ssim");
				ref = o.get("reference", null);
				test = o.get("test", null);
				y = o.get("y", "full");
				ssim = o.get("ssim", "gaussian");
				if (ref == null || test == null) throw new IllegalArgumentException("reference= and test= are required");
			} else {
				if (!PluginSupport.interactive()) throw new IllegalArgumentException("options are required without a display");
				String[] titles = Images.titles(false);
				if (titles.length < 2) throw new IllegalArgumentException("open the reference and the test image first");
				GenericDialog gd = new GenericDialog(TITLE);
				gd.addChoice("reference", titles, titles[0]);
				gd.addChoice("test", titles, titles[1]);
				gd.addChoice("y", labels(YMode.values()), "full");
				gd.addChoice("ssim", new String[] { "gaussian", "uniform8" }, "gaussian");
				gd.showDialog();
				if (gd.wasCanceled()) return;
				ref = gd.getNextChoice();
				test = gd.getNextChoice();
				y = gd.getNextChoice();
				ssim = gd.getNextChoice();
			}
			measure(ref, test, YMode.fromLabel(y), SsimWindow.fromLabel(ssim)).show(TITLE);
		} catch (IllegalArgumentException | io.github.jpegrestore.jpeg.JpegException e) {
			PluginSupport.fail(TITLE, e.getMessage());
		}
	}

	static String[] labels(YMode[] modes) {
		String[] s = new String[modes.length];
		for (int i = 0; i < s.length; i++) s[i] = modes[i].label;
		return s;
	}

	/** The table: one row per plane, then "mean". */
	public static ResultsTable measure(String refTitle, String testTitle, YMode y, SsimWindow w) {
		return measure(Images.byTitle(refTitle), Images.byTitle(testTitle), y, w);
	}

	public static ResultsTable measure(ij.ImagePlus ref, ij.ImagePlus test, YMode y, SsimWindow w) {
		Planes.validate(ref);
		Planes.validate(test);
		if (ref.getStackSize() != test.getStackSize() && ref.getStackSize() != 1)
			throw new IllegalArgumentException("the reference has " + ref.getStackSize() + " planes, the test " + test.getStackSize());
		ResultsTable rt = new ResultsTable();
		double sp = 0, ss = 0, sb = 0;
		int n = test.getStackSize();
		for (int i = 1; i <= n; i++) {
			Image8 r = Planes.toImage8(ref.getStack().getProcessor(ref.getStackSize() == 1 ? 1 : i));
			Image8 t = Planes.toImage8(test.getStack().getProcessor(i));
			Metrics.Result m = Metrics.compute(r, t, y, w);
			rt.incrementCounter();
			rt.addValue("Test", test.getTitle());
			rt.addValue("Reference", ref.getTitle());
			rt.addValue("Plane", String.valueOf(i));
			rt.addValue("PSNR", m.psnr);
			rt.addValue("SSIM", m.ssim);
			rt.addValue("PSNR-B", m.psnrb);
			sp += m.psnr;
			ss += m.ssim;
			sb += m.psnrb;
		}
		rt.incrementCounter();
		rt.addValue("Test", test.getTitle());
		rt.addValue("Reference", ref.getTitle());
		rt.addValue("Plane", "mean");
		rt.addValue("PSNR", sp / n);
		rt.addValue("SSIM", ss / n);
		rt.addValue("PSNR-B", sb / n);
		rt.setDecimalPlaces(rt.getColumnIndex("PSNR"), 4);
		rt.setDecimalPlaces(rt.getColumnIndex("SSIM"), 4);
		rt.setDecimalPlaces(rt.getColumnIndex("PSNR-B"), 4);
		return rt;
	}
}
