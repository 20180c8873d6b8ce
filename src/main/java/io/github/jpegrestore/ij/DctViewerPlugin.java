package io.github.jpegrestore.ij;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Plot;
import ij.measure.ResultsTable;
import ij.plugin.LutLoader;
import ij.plugin.PlugIn;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;
import io.github.jpegrestore.analysis.BlockDct;
import io.github.jpegrestore.jpeg.JpegInfo;
import io.github.jpegrestore.jpeg.QuantTables;
import io.github.jpegrestore.jpeg.YCbCr;
import io.github.jpegrestore.options.Catalog;

/**
 * Plugins > JPEG Restore > JPEG DCT Viewer, on the current image's Y (current plane):
 * the block DCT map (log magnitude, Fire LUT, on the JPEG grid), the 64-slice frequency band stack
 * (slices in zig-zag order), the JPEG file's quantization tables (table and image), and a plot of
 * the probability that each frequency is non-zero after quantization, for the current image and up
 * to two others (e.g. original, JPEG, restored), so restored high frequencies show.
 * Macro: run("JPEG DCT Viewer", "blocks bands tables nonzero qf=file compare1=original.tif compare2=none");
 */
public class DctViewerPlugin implements PlugIn {
	public static final String TITLE = Menu.DCT;
	public static final CommandSpec SPEC = new CommandSpec(TITLE, true, Catalog.DCT);

	@Override
	public void run(String arg) {
		PluginSupport.withValues(SPEC, v -> {
			ImagePlus imp = PluginSupport.currentImage();
			Planes.validate(imp);
			for (ImagePlus view : views(imp, v, IJ::log)) view.show();
		});
	}

	static double[] luma(ImagePlus imp) {
		return YCbCr.luma(Planes.toImage8(imp.getProcessor()), false).plane(0);
	}

	/** The requested views as images (tables also as a ResultsTable, shown); notes go to {@code log}. */
	public static List<ImagePlus> views(ImagePlus imp, CommandSpec.Values o, java.util.function.Consumer<String> log) {
		List<ImagePlus> compare = new ArrayList<>();
		for (String k : new String[] { "compare1", "compare2" })
			if (o.image(k) != null) compare.add(o.image(k));
		List<ImagePlus> out = new ArrayList<>();
		int w = imp.getWidth(), h = imp.getHeight(), bw = (w + 7) / 8, bh = (h + 7) / 8;
		double[] y = luma(imp);
		String base = imp.getShortTitle();
		if (o.flag("blocks")) {
			ImagePlus map = new ImagePlus(base + "-DCT-blocks", new FloatProcessor(8 * bw, 8 * bh, BlockDct.blockMap(y, w, h)));
			map.setLut(new ij.process.LUT(LutLoader.getLut("fire"), 0, 255));
			map.resetDisplayRange();
			map.setCalibration(imp.getCalibration().copy());
			out.add(map);
		}
		if (o.flag("bands")) {
			ImageStack st = new ImageStack(bw, bh);
			float[][] b = BlockDct.bands(y, w, h);
			for (int k = 0; k < 64; k++) st.addSlice(BlockDct.bandLabel(k), new FloatProcessor(bw, bh, b[k]));
			ImagePlus bands = new ImagePlus(base + "-DCT-bands", st);
			ij.measure.Calibration cal = imp.getCalibration().copy();
			cal.pixelWidth *= 8;
			cal.pixelHeight *= 8;
			bands.setCalibration(cal);
			out.add(bands);
		}
		JpegInfo jpeg = JpegOrigin.of(imp);
		if (o.flag("tables") && jpeg == null) log.accept(TITLE + ": '" + imp.getTitle() + "' was not opened from a JPEG file: no quantization tables to show");
		if (o.flag("tables") && jpeg != null) {
			ResultsTable rt = new ResultsTable();
			ImageStack st = new ImageStack(8, 8);
			for (int id = 0; id < 4; id++) {
				int[] t = jpeg.tables[id];
				if (t == null) continue;
				short[] px = new short[64];
				for (int r = 0; r < 8; r++) {
					rt.incrementCounter();
					rt.addValue("Table", id);
					rt.addValue("Row", r);
					for (int c = 0; c < 8; c++) {
						rt.addValue("c" + c, t[8 * r + c]);
						px[8 * r + c] = (short) t[8 * r + c];
					}
				}
				st.addSlice("table " + id + " (QF " + QuantTables.estimate(t, id > 0).qf + ")", new ShortProcessor(8, 8, px, null));
			}
			rt.show(base + " quantization tables");
			ImagePlus ti = new ImagePlus(base + "-quantization-tables", st);
			ti.resetDisplayRange();
			out.add(ti);
		}
		if (o.flag("nonzero")) {
			BlockDct.CountTable ct = BlockDct.countTable(o.text("qf"), jpeg);
			int[] table = ct.table;
			String qlabel = ct.label;
			Plot plot = new Plot(base + "-nonzero", "frequency (zig-zag index)", "P(non-zero after quantization)");
			double[] x = new double[64];
			for (int k = 0; k < 64; k++) x[k] = k;
			Color[] colors = { Color.red, Color.blue, new Color(0, 140, 0) };
			StringBuilder legend = new StringBuilder();
			List<ImagePlus> images = new ArrayList<>();
			images.add(imp);
			for (ImagePlus c : compare) {
				if (c.getWidth() != w || c.getHeight() != h) throw new IllegalArgumentException("'" + c.getTitle() + "' differs in size from '" + imp.getTitle() + "'");
				images.add(c);
			}
			for (int i = 0; i < images.size(); i++) {
				plot.setColor(colors[i]);
				plot.addPoints(x, BlockDct.nonzeroProbability(luma(images.get(i)), w, h, table), Plot.LINE);
				legend.append(images.get(i).getTitle()).append('\n');
			}
			plot.setLimits(0, 63, 0, 1);
			plot.setColor(Color.black);
			plot.addLegend(legend.toString().trim());
			plot.addLabel(0.12, 0.08, "quantized with " + qlabel);
			out.add(plot.getImagePlus());
		}
		return out;
	}
}
