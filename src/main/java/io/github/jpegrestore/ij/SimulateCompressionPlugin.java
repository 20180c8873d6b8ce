package io.github.jpegrestore.ij;

import io.github.jpegrestore.options.Catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
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
	public static final String TITLE = Menu.SIMULATE;
	public static final CommandSpec SPEC = new CommandSpec(TITLE, true, Catalog.SIMULATE);

	@Override
	public void run(String arg) {
		PluginSupport.withValues(SPEC, v -> PluginSupport.runAndShow(TITLE, imp -> simulate(imp, v)));
	}

	public static ImagePlus simulate(ImagePlus imp, CommandSpec.Values o) {
		Planes.validate(imp);
		int qf = o.integer("qf"), then = o.integer("then_qf");
		QuantTables.checkQuality(qf);
		Subsampling sub = Subsampling.fromLabel(o.text("subsampling"));
		int[] sh = JpegCodec.parseShift(o.text("shift"));
		int dx = sh[0], dy = sh[1];
		JpegCodec.checkDouble(then, sh);
		String suffix = "-jpeg" + qf + (then != 0 ? "-" + then + "-s" + dx + "x" + dy : "");
		ImageStack in = imp.getStack();
		if (in.getSize() == 1) {
			byte[] jpg = compress(Planes.toImage8(in.getProcessor(1)), qf, then, dx, dy, sub);
			try {
				Path f = Files.createTempFile(safePrefix(imp.getShortTitle() + suffix), ".jpg");
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

	/** A temporary file's name from an image title: only letters, digits, '-' and '_' (a title may hold '/'), at most 40. */
	static String safePrefix(String title) {
		String t = title.replaceAll("[^A-Za-z0-9_-]", "_");
		return (t.length() > 40 ? t.substring(0, 40) : t) + "-";
	}
}
