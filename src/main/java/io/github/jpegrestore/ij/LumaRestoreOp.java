package io.github.jpegrestore.ij;

import java.util.function.Consumer;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ImageProcessor;
import io.github.jpegrestore.inference.DeviceChoice;
import io.github.jpegrestore.inference.ModelStore;
import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.inference.Tiler;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.JpegInfo;
import io.github.jpegrestore.restore.LumaRestorer;
import io.github.jpegrestore.restore.QfChoice;

/**
 * "JPEG Restore Luma" on an ImagePlus: every plane of a stack or hyperstack, one progress bar over
 * all tiles, a new image (calibration, properties, dimensions kept; title + "-restored"); the
 * input is never modified, and a cancel returns no image.
 */
public final class LumaRestoreOp {
	public static final String TITLE = "JPEG Restore Luma";
	public static final String[] KEYS = { "qf", "constrain", "device", "tile", "model" };

	public QfChoice qf = QfChoice.AUTO;
	public boolean constrain;
	public DeviceChoice device = DeviceChoice.AUTO;
	public int tile;
	public String model = "luma";

	public static LumaRestoreOp fromOptions(String options) {
		MacroOptions o = new MacroOptions(options, KEYS);
		LumaRestoreOp op = new LumaRestoreOp();
		op.qf = QfChoice.parse(o.get("qf", "auto"));
		op.constrain = o.flag("constrain");
		op.device = DeviceChoice.fromLabel(o.get("device", "auto"));
		op.tile = o.getInt("tile", 0);
		op.model = o.get("model", "luma");
		return op;
	}

	public ImagePlus run(ImagePlus imp, Progress progress, Consumer<String> log) {
		Planes.validate(imp);
		if (tile < 0) throw new IllegalArgumentException("tile must be 0 (automatic) or a positive size, got " + tile);
		JpegInfo jpeg = JpegOrigin.of(imp);
		if (qf.mode == QfChoice.Mode.FILE && jpeg == null)
			throw new IllegalArgumentException("qf=file: '" + imp.getTitle() + "' was not opened from a JPEG file (or its size changed); use qf=auto or a number");
		if (constrain && jpeg == null)
			throw new IllegalArgumentException("constrain needs the image's JPEG file (its quantization tables and grid); '" + imp.getTitle() + "' was not opened from one");
		LumaRestorer r = new LumaRestorer(ModelStore.find(model), device, tile);
		ImageStack in = imp.getStack();
		int n = in.getSize();
		Tiler tiler = r.newTiler();
		long total = n * tiler.tileCount(imp.getWidth(), imp.getHeight());
		r.model();
		log.accept(TITLE + ": model '" + r.card().name + "' on " + r.model().device + ", tile " + tiler.tile() + " px, " + n + " plane(s)");
		ImageStack out = new ImageStack(imp.getWidth(), imp.getHeight());
		long done = 0;
		for (int i = 1; i <= n; i++) {
			ImageProcessor ip = in.getProcessor(i);
			Image8 plane = Planes.toImage8(ip);
			QfChoice.Resolved q = qf.resolve(jpeg, plane);
			if (i == 1 || q.source.equals("estimated")) log.accept(TITLE + ": plane " + i + " restored at QF " + q.qf + " (" + q.source + ")");
			Image8 restored = r.restore(plane, q.qf, constrain ? q.lumaTable : null, tiler, progress, done, total);
			done += tiler.tileCount(imp.getWidth(), imp.getHeight());
			out.addSlice(in.getSliceLabel(i), Planes.toProcessor(restored, ip));
		}
		return Planes.derived(imp, out, "-restored");
	}
}
