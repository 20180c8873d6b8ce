package io.github.jpegrestore.ij;

import java.util.List;
import java.util.function.Consumer;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.ResultsTable;
import ij.process.ImageProcessor;
import io.github.jpegrestore.inference.DeviceChoice;
import io.github.jpegrestore.inference.Precision;
import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.jpeg.JpegInfo;
import io.github.jpegrestore.restore.Input;
import io.github.jpegrestore.restore.QfChoice;
import io.github.jpegrestore.restore.QfSweep;
import io.github.jpegrestore.restore.RestoreOptions;
import io.github.jpegrestore.restore.Restored;
import io.github.jpegrestore.restore.Restorer;
import io.github.jpegrestore.restore.Restorers;

/**
 * The restore commands ("JPEG Restore Luma", "Color", "Blind") on an ImagePlus: every plane of a
 * stack or hyperstack through the restorer the model names, one progress bar over all planes, a
 * new image (calibration, properties, dimensions kept; title + "-restored"). The QF each plane was
 * restored under, and where it came from, goes to the Log and to the "JPEG Restore Results" table
 * (which grows run after run). With sweep, a single image is restored under QF 10, 20, ... 90
 * into a stack whose slices are labelled with their QF. The input is never modified, and a cancel
 * returns no image.
 */
public final class RestoreOp {
	private RestoreOp() {}

	/** Title of the results table the restore commands append to. */
	public static final String TABLE = "JPEG Restore Results";

	static CommandSpec spec(String title, String model, String qfHelp) {
		return new CommandSpec(title,
			Param.text("qf", "auto", qfHelp),
			Param.flag("sweep", false, "restore under QF 10, 20 ... 90 into a stack (one image)"),
			Param.flag("constrain", false, ""),
			Param.choice("device", DeviceChoice.AUTO.label, "", DeviceChoice.labels()),
			Param.choice("precision", Precision.AUTO.label, "auto: bf16 on CPUs with bf16 arithmetic, else fp32", Precision.labels()),
			Param.integer("tile", 0, "tile in pixels (0 = automatic)"),
			Param.flag("ensemble", false, RestoreOptions.ENSEMBLE_HELP),
			Param.text("model", model, "model name or card path"));
	}

	static final String QF_HELP = "auto: the JPEG file's quality (a double JPEG's stronger one), else estimated; file; or 1-100";
	public static final CommandSpec LUMA = spec(Menu.RESTORE_LUMA, "luma", QF_HELP);
	public static final CommandSpec COLOR = spec(Menu.RESTORE_COLOR, "color", QF_HELP);
	public static final CommandSpec BLIND = spec(Menu.RESTORE_BLIND, "blind",
		"auto: the JPEG file's quality (a double JPEG's stronger one), else predicted; predicted; file; or 1-100");

	public static RestoreOptions options(CommandSpec.Values v) {
		return new RestoreOptions().qf(QfChoice.parse(v.text("qf"))).constrain(v.flag("constrain"))
			.device(DeviceChoice.fromLabel(v.text("device"))).precision(Precision.fromLabel(v.text("precision"))).tile(v.integer("tile")).ensemble(v.flag("ensemble"));
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
		if (v.flag("sweep")) return sweep(spec, v, imp, jpeg, o, progress, log);
		ResultsTable rows = new ResultsTable();
		try (Restorer r = Restorers.create(v.text("model"), o)) {
			ImageStack in = imp.getStack();
			int n = in.getSize();
			log.accept(spec.title + ": model '" + r.name() + "' on " + r.device() + ", " + n + " plane(s) of " + title);
			ImageStack out = new ImageStack(imp.getWidth(), imp.getHeight());
			String lastSource = null;
			for (int i = 1; i <= n; i++) {
				ImageProcessor ip = in.getProcessor(i);
				Restored res = r.restore(new Input(Planes.toImage8(ip), jpeg, null), progress.part(i - 1, n));
				boolean perPlane = res.qfSource.equals("estimated") || res.qfSource.equals("predicted");
				if (i == 1 || perPlane) {
					log.accept(spec.title + ": plane " + i + " restored at QF " + res.qf + " (" + res.qfSource + ")" + (res.note.isEmpty() ? "" : "; " + res.note));
					row(rows, imp.getTitle(), n == 1 || perPlane ? Integer.toString(i) : "all", r, res);
				}
				lastSource = res.qfSource;
				out.addSlice(in.getSliceLabel(i), Planes.toProcessor(res.image, ip));
			}
			ImagePlus result = Planes.derived(imp, out, "-restored");
			if (lastSource != null) Tables.appendAndShow(rows, TABLE);
			return result;
		}
	}

	private static void row(ResultsTable t, String image, String plane, Restorer r, Restored res) {
		t.incrementCounter();
		t.addValue("Image", image);
		t.addValue("Plane", plane);
		t.addValue("Model", r.name());
		t.addValue("Device", r.device());
		t.addValue("QF", res.qf);
		t.addValue("QF source", res.qfSource);
		t.addValue("Note", res.note);
	}

	/** The QF sweep of one image: a stack of QF 10 ... 90, each slice labelled "QF n". */
	private static ImagePlus sweep(CommandSpec spec, CommandSpec.Values v, ImagePlus imp, JpegInfo jpeg, RestoreOptions o, Progress progress, Consumer<String> log) {
		if (imp.getStackSize() != 1)
			throw new IllegalArgumentException("sweep restores one image; '" + imp.getTitle() + "' has " + imp.getStackSize() + " planes (Image > Duplicate one first)");
		if (o.qf.mode != QfChoice.Mode.AUTO) throw new IllegalArgumentException("sweep sets the QFs itself; leave qf at auto");
		ImageProcessor ip = imp.getProcessor();
		log.accept(spec.title + ": QF sweep " + QfSweep.DEFAULT + " of '" + imp.getTitle() + "' with model '" + v.text("model") + "'");
		List<Restored> all = QfSweep.run(v.text("model"), o, new Input(Planes.toImage8(ip), jpeg, null), QfSweep.DEFAULT, progress);
		ImageStack out = new ImageStack(imp.getWidth(), imp.getHeight());
		for (Restored res : all) out.addSlice("QF " + res.qf, Planes.toProcessor(res.image, ip));
		ImagePlus result = Planes.derived(imp, out, "-qf-sweep");
		result.setDimensions(1, all.size(), 1);
		return result;
	}
}
