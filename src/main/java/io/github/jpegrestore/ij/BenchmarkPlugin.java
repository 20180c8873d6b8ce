package io.github.jpegrestore.ij;

import io.github.jpegrestore.options.Catalog;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Plot;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import io.github.jpegrestore.inference.DeviceChoice;
import io.github.jpegrestore.inference.Precision;
import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.metrics.YMode;
import io.github.jpegrestore.restore.Benchmark;
import io.github.jpegrestore.restore.QfChoice;
import io.github.jpegrestore.restore.RestoreOptions;
import io.github.jpegrestore.restore.Restorer;
import io.github.jpegrestore.restore.Restorers;

/**
 * Plugins > JPEG Restore > JPEG Restore Benchmark: the command line's benchmark in Fiji. Every image
 * of a folder is compressed at each QF (optionally double JPEG with a grid shift), restored by each
 * model, and measured against the original; the per-QF means go to the "JPEG Restore Benchmark"
 * table (dataset x model x QF x PSNR / SSIM / PSNR-B / MP/s; it grows run after run) and a plot of
 * PSNR against QF, one curve per model. Images that cannot be measured are named in the Log and
 * left out. Macro: run("JPEG Restore Benchmark", "folder=/data/set qf=10,20,30,40 models=jpeg,luma y=full then_qf=0 shift=0,0 device=auto precision=auto");
 */
public class BenchmarkPlugin implements PlugIn {
	public static final String TITLE = Menu.BENCHMARK;

	public static final CommandSpec SPEC = new CommandSpec(Menu.BENCHMARK, false, Catalog.BENCHMARK);

	@Override
	public void run(String arg) {
		PluginSupport.withValues(SPEC, v -> PluginSupport.runAndShowAll(TITLE, () -> {
			Result r = run(v, new IjProgress(TITLE), IJ::log);
			Tables.appendAndShow(r.table, TITLE);
			if (r.equivalentPlot != null) r.equivalentPlot.show();
			return r.plot;
		}));
	}

	/** The table of means, the PSNR plot and, with equivalent, the plot of equivalent QF against QF (else null). */
	public static final class Result {
		public final ResultsTable table;
		public final ImagePlus plot, equivalentPlot;

		Result(ResultsTable table, ImagePlus plot, ImagePlus equivalentPlot) {
			this.table = table;
			this.plot = plot;
			this.equivalentPlot = equivalentPlot;
		}
	}

	public static Result run(CommandSpec.Values v, Progress progress, Consumer<String> log) {
		String folder = v.text("folder").trim();
		if (folder.isEmpty()) throw new IllegalArgumentException("folder: give the folder of original images");
		Path dir = Path.of(folder);
		Benchmark.images(dir);
		List<Integer> qfs = Benchmark.qualities(v.text("qf"));
		List<String> models = Benchmark.models(v.text("models"));
		int thenQf = v.integer("then_qf");
		int[] shift = JpegCodec.parseShift(v.text("shift"));
		JpegCodec.checkDouble(thenQf, shift);
		QfChoice restoreQf = QfChoice.parse(v.text("restore_qf"));
		RestoreOptions o = RestoreOp.options(v).qf(restoreQf);
		ResultsTable t = new ResultsTable();
		Map<String, double[]> curves = new LinkedHashMap<>(), equivalents = new LinkedHashMap<>();
		List<String> failures = new ArrayList<>();
		for (int k = 0; k < models.size(); k++) {
			Benchmark b = new Benchmark();
			if (thenQf != 0) b.thenQf = thenQf;
			b.dx = shift[0];
			b.dy = shift[1];
			b.yMode = YMode.fromLabel(v.text("y"));
			b.window = io.github.jpegrestore.metrics.SsimWindow.fromLabel(v.text("ssim"));
			b.subsampling = io.github.jpegrestore.jpeg.Subsampling.fromLabel(v.text("subsampling"));
			b.equivalent = v.flag("equivalent");
			b.check();
			b.progress = progress.part(k, models.size());
			double[] psnr = new double[qfs.size()], eq = new double[qfs.size()];
			try (Restorer r = Restorers.create(models.get(k), o)) {
				if (restoreQf.mode != QfChoice.Mode.FILE) b.label = r.name() + "@" + restoreQf;
				log.accept(TITLE + ": model '" + r.name() + "'" + (r.device().isEmpty() ? "" : " on " + r.device()) + ", " + dir.getFileName() + " at QF " + qfs
					+ (thenQf != 0 ? " then " + thenQf + " shifted " + shift[0] + "," + shift[1] : ""));
				int[] i = { 0 };
				b.run(dir, qfs, r, row -> {
					if (!row.image.equals("mean")) return;
					t.incrementCounter();
					t.addValue("Dataset", row.dataset);
					t.addValue("Model", row.model);
					t.addValue("QF", thenQf != 0 ? qfs.get(i[0]) + " then " + thenQf : Integer.toString(row.qf));
					t.addValue("PSNR", row.psnr);
					t.addValue("SSIM", row.ssim);
					t.addValue("PSNR-B", row.psnrb);
					t.addValue("MP/s", row.mps);
					if (b.equivalent) {
						t.addValue("Equivalent QF (PSNR)", row.equivalentQfPsnr);
						t.addValue("Equivalent QF (SSIM)", row.equivalentQfSsim);
						t.addValue("Storage saved %", 100 * row.saved());
					}
					eq[i[0]] = row.equivalentQfPsnr;
					psnr[i[0]++] = row.psnr;
				});
			}
			for (String f : b.failures) failures.add(models.get(k) + ": " + f);
			curves.put(models.get(k), psnr);
			equivalents.put(models.get(k), eq);
		}
		for (String f : failures) log.accept(TITLE + ": left out: " + f);
		boolean eqOn = v.flag("equivalent");
		return new Result(t, plot(dir.getFileName().toString(), qfs, curves, thenQf, "PSNR (dB)", ""),
			eqOn ? plot(dir.getFileName().toString(), qfs, equivalents, 0, "equivalent JPEG QF (by PSNR)", " equivalent QF") : null);
	}

	static final Color[] COLORS = { Color.GRAY, Color.BLUE, Color.RED, new Color(0, 140, 0), Color.MAGENTA, Color.ORANGE };

	static ImagePlus plot(String dataset, List<Integer> qfs, Map<String, double[]> curves, int thenQf, String yLabel, String titleSuffix) {
		Plot p = new Plot(TITLE + " - " + dataset + titleSuffix, thenQf != 0 ? "first QF (then " + thenQf + ")" : "QF", yLabel);
		double[] x = qfs.stream().mapToDouble(Integer::doubleValue).toArray();
		int k = 0;
		StringBuilder legend = new StringBuilder();
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (Map.Entry<String, double[]> c : curves.entrySet()) {
			// both colours: ImageJ draws a connected-circles curve's line in the second one (black by default)
			Color colour = COLORS[k++ % COLORS.length];
			p.setColor(colour, colour);
			p.addPoints(x, c.getValue(), Plot.CONNECTED_CIRCLES);
			legend.append(legend.length() == 0 ? "" : "\n").append(c.getKey());
			for (double v : c.getValue())
				if (Double.isFinite(v)) {
					lo = Math.min(lo, v);
					hi = Math.max(hi, v);
				}
		}
		if (x.length > 0 && lo <= hi) { // room around the points, so that none sits on the frame
			double x0 = java.util.Arrays.stream(x).min().getAsDouble(), x1 = java.util.Arrays.stream(x).max().getAsDouble();
			double dx = Math.max(1, (x1 - x0) * 0.05), dy = Math.max(0.1, (hi - lo) * 0.08);
			p.setLimits(x0 - dx, x1 + dx, lo - dy, hi + dy);
		}
		p.setColor(Color.BLACK);
		p.addLegend(legend.toString());
		return p.getImagePlus();
	}
}
