package io.github.jpegrestore.ij;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.Macro;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.QuantTables;
import io.github.jpegrestore.jpeg.Subsampling;

/**
 * Plugins > JPEG Restore > JPEG Simulate Compression: the current image compressed with explicit
 * IJG tables (optionally twice, with the grid shifted in between), as a new image. A single plane
 * is written to a temporary JPEG file and opened from it, so the restorer's qf=auto / qf=file and
 * constrain see its real quantization tables, as for any JPEG a user opens.
 * Macro: run("JPEG Simulate Compression", "qf=20 subsampling=420 then_qf=0 shift=0,0");
 */
public class SimulateCompressionPlugin implements PlugIn {
	public static final String TITLE = "JPEG Simulate Compression";
	static final String[] KEYS = { "qf", "subsampling", "then_qf", "shift" };

	@Override
	public void run(String arg) {
		try {
			String options = Macro.getOptions();
			if (options == null && PluginSupport.interactive()) {
				GenericDialog gd = new GenericDialog(TITLE);
				gd.addNumericField("qf", 20, 0);
				gd.addChoice("subsampling", new String[] { "420", "444" }, "420");
				gd.addNumericField("then_qf", 0, 0, 4, "(0 = single JPEG)");
				gd.addStringField("shift", "0,0", 5);
				gd.showDialog();
				if (gd.wasCanceled()) return;
				options = "qf=" + (int) gd.getNextNumber() + " subsampling=" + gd.getNextChoice() + " then_qf=" + (int) gd.getNextNumber()
					+ " shift=" + gd.getNextString();
			}
			String opts = options;
			PluginSupport.runAndShow(TITLE, imp -> simulate(imp, new MacroOptions(opts == null ? "" : opts, KEYS)));
		} catch (IllegalArgumentException e) {
			PluginSupport.fail(TITLE, e.getMessage());
		}
	}

	public static ImagePlus simulate(ImagePlus imp, MacroOptions o) {
		Planes.validate(imp);
		int qf = o.getInt("qf", 20), then = o.getInt("then_qf", 0);
		QuantTables.checkQuality(qf);
		if (then != 0) QuantTables.checkQuality(then);
		Subsampling sub = Subsampling.fromLabel(o.get("subsampling", "420"));
		int[] sh = JpegCodec.parseShift(o.get("shift", "0,0"));
		int dx = sh[0], dy = sh[1];
		if (then == 0 && (dx != 0 || dy != 0)) throw new IllegalArgumentException("a shift needs then_qf (the second compression)");
		String suffix = "-jpeg" + qf + (then != 0 ? "-" + then + "-s" + dx + "x" + dy : "");
		ImageStack in = imp.getStack();
		if (in.getSize() == 1) {
			byte[] jpg = compress(Planes.toImage8(in.getProcessor(1)), qf, then, dx, dy, sub);
			try {
				Path f = Files.createTempFile(imp.getShortTitle() + suffix + "-", ".jpg");
				f.toFile().deleteOnExit();
				Files.write(f, jpg);
				ImagePlus out = IJ.openImage(f.toString());
				if (out == null) throw new IllegalStateException("cannot open the simulated JPEG");
				out.setTitle(imp.getShortTitle() + suffix);
				if (then == 0) out.setCalibration(imp.getCalibration().copy());
				return out;
			} catch (IOException e) {
				throw new IllegalStateException("cannot write a temporary JPEG: " + e.getMessage());
			}
		}
		if (then != 0) throw new IllegalArgumentException("double JPEG with a shift changes the size: run it on single planes");
		ImageStack out = new ImageStack(imp.getWidth(), imp.getHeight());
		for (int i = 1; i <= in.getSize(); i++)
			out.addSlice(in.getSliceLabel(i), Planes.toProcessor(JpegCodec.decode(compress(Planes.toImage8(in.getProcessor(i)), qf, 0, 0, 0, sub)), in.getProcessor(i)));
		return Planes.derived(imp, out, suffix);
	}

	static byte[] compress(Image8 im, int qf, int then, int dx, int dy, Subsampling sub) {
		return then == 0 ? JpegCodec.compress(im, qf, sub) : JpegCodec.compressDouble(im, qf, then, dx, dy, sub);
	}
}
