package io.github.jpegrestore.ij;

import java.util.function.Consumer;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ImageProcessor;
import io.github.jpegrestore.inference.DeviceChoice;
import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.jpeg.JpegInfo;
import io.github.jpegrestore.restore.Input;
import io.github.jpegrestore.restore.QfChoice;
import io.github.jpegrestore.restore.RestoreOptions;
import io.github.jpegrestore.restore.Restored;
import io.github.jpegrestore.restore.Restorer;
import io.github.jpegrestore.restore.Restorers;

/**
 * The restore commands ("JPEG Restore Luma", "JPEG Restore Color") on an ImagePlus: every plane of
 * a stack or hyperstack through the restorer the model names, one progress bar over all planes, a
 * new image (calibration, properties, dimensions kept; title + "-restored"). The input is never
 * modified, and a cancel returns no image.
 */
public final class RestoreOp {
	private RestoreOp() {}

	static CommandSpec spec(String title, String model) {
		return new CommandSpec(title,
			Param.text("qf", "auto", "auto: the JPEG file's quality, else estimated; file; or a number 1-100"),
			Param.flag("constrain", false, ""),
			Param.choice("device", DeviceChoice.AUTO.label, "", DeviceChoice.labels()),
			Param.integer("tile", 0, "tile in pixels (0 = automatic)"),
			Param.text("model", model, "model name or card path"));
	}

	public static final CommandSpec LUMA = spec(Menu.RESTORE_LUMA, "luma");
	public static final CommandSpec COLOR = spec(Menu.RESTORE_COLOR, "color");

	public static RestoreOptions options(CommandSpec.Values v) {
		return new RestoreOptions().qf(QfChoice.parse(v.text("qf"))).constrain(v.flag("constrain"))
			.device(DeviceChoice.fromLabel(v.text("device"))).tile(v.integer("tile"));
	}

	public static ImagePlus run(CommandSpec spec, CommandSpec.Values v, ImagePlus imp, Progress progress, Consumer<String> log) {
		Planes.validate(imp);
		RestoreOptions o = options(v);
		JpegInfo jpeg = JpegOrigin.of(imp);
		if (jpeg != null) {
			jpeg.checkSupported();
			JpegOrigin.requireIntact(imp);
		}
		String title = "'" + imp.getTitle() + "'";
		if (o.qf.mode == QfChoice.Mode.FILE && jpeg == null)
			throw new IllegalArgumentException("qf=file: " + title + " was not opened from a JPEG file (or its size changed); use qf=auto or a number");
		if (o.constrain && jpeg == null)
			throw new IllegalArgumentException("constrain needs the image's JPEG file (its quantization tables and grid); " + title + " was not opened from one");
		try (Restorer r = Restorers.create(v.text("model"), o)) {
			ImageStack in = imp.getStack();
			int n = in.getSize();
			log.accept(spec.title + ": model '" + r.name() + "' on " + r.device() + ", " + n + " plane(s) of " + title);
			ImageStack out = new ImageStack(imp.getWidth(), imp.getHeight());
			for (int i = 1; i <= n; i++) {
				ImageProcessor ip = in.getProcessor(i);
				Restored res = r.restore(new Input(Planes.toImage8(ip), jpeg, null), progress.part(i - 1, n));
				if (i == 1 || res.qfSource.equals("estimated"))
					log.accept(spec.title + ": plane " + i + " restored at QF " + res.qf + " (" + res.qfSource + ")" + (res.note.isEmpty() ? "" : "; " + res.note));
				out.addSlice(in.getSliceLabel(i), Planes.toProcessor(res.image, ip));
			}
			return Planes.derived(imp, out, "-restored");
		}
	}
}
