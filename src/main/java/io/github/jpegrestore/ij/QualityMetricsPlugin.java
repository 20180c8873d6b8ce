package io.github.jpegrestore.ij;

import io.github.jpegrestore.options.Catalog;

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
	public static final String TITLE = Menu.METRICS;

	public static final CommandSpec SPEC = new CommandSpec(Menu.METRICS, false, Catalog.METRICS);

	@Override
	public void run(String arg) {
		PluginSupport.withValues(SPEC, v -> Tables.appendAndShow(measure(v), TITLE));
	}

	static ResultsTable measure(CommandSpec.Values v) {
		return measure(v.image("reference"), v.image("test"), YMode.fromLabel(v.text("y")), SsimWindow.fromLabel(v.text("ssim")));
	}

	/** The table: one row per plane, then "mean". */
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
		return rt;
	}
}
