package io.github.jpegrestore.ij;

import io.github.jpegrestore.options.Catalog;

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
import io.github.jpegrestore.restore.QfSource;
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

	public static final CommandSpec LUMA = new CommandSpec(Menu.RESTORE_LUMA, true, Catalog.restore("luma"));
	public static final CommandSpec COLOR = new CommandSpec(Menu.RESTORE_COLOR, true, Catalog.restore("color"));
	public static final CommandSpec BLIND = new CommandSpec(Menu.RESTORE_BLIND, true, Catalog.restore("blind"));

	/** The restorer's options among a command's values (a restore command's, or the benchmark's), but the QF, whose meaning is the command's. */
	public static RestoreOptions options(CommandSpec.Values v) {
		RestoreOptions o = new RestoreOptions().device(DeviceChoice.fromLabel(v.text("device"))).precision(Precision.fromLabel(v.text("precision")))
			.ensemble(v.flag("ensemble"));
		if (v.has("constrain")) o.constrain(v.flag("constrain"));
		if (v.has("tile")) o.tile(v.integer("tile"));
		if (v.has("guide")) o.guide(v.text("guide"));
		return o;
	}

	public static ImagePlus run(CommandSpec spec, CommandSpec.Values v, ImagePlus imp, Progress progress, Consumer<String> log) {
		Planes.validate(imp);
		RestoreOptions o = options(v).qf(QfChoice.parse(v.text("qf")));
		JpegInfo jpeg = JpegOrigin.of(imp);
		if (jpeg != null) {
			jpeg.checkSupported();
			JpegOrigin.requireIntact(imp);
		}
		String title = "'" + imp.getTitle() + "'";
		o.validate(jpeg);
		if (v.flag("sweep")) return sweep(spec, v, imp, jpeg, o, progress, log);
		ResultsTable rows = new ResultsTable();
		try (Restorer r = Restorers.create(v.text("model"), o)) {
			ImageStack in = imp.getStack();
			int n = in.getSize();
			log.accept(spec.title + ": model '" + r.name() + "' on " + r.device() + ", " + n + " plane(s) of " + title);
			ImageStack out = new ImageStack(imp.getWidth(), imp.getHeight());
			QfSource lastSource = null;
			for (int i = 1; i <= n; i++) {
				ImageProcessor ip = in.getProcessor(i);
				if (n > 1) progress.stage("plane " + i + "/" + n);
				Restored res = r.restore(new Input(Planes.toImage8(ip), jpeg, null), progress.part(i - 1, n));
				boolean perPlane = res.qfSource.fromPixels();
				if (i == 1 || perPlane) {
					log.accept(spec.title + ": plane " + i + " restored at QF " + res.qf + " (" + res.qfSource + ")" + (res.note.isEmpty() ? "" : "; " + res.note));
					row(rows, imp.getTitle(), n == 1 || perPlane ? Integer.toString(i) : "all", r, res);
				}
				lastSource = res.qfSource;
				out.addSlice(in.getSliceLabel(i), Planes.toProcessor(res.image, ip));
			}
			ImagePlus result = Planes.derived(imp, out, "-" + r.name()); // unique per model: "cells-luma", "cells-color"
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
		t.addValue("QF source", res.qfSource.label);
		t.addValue("Note", res.note);
	}

	/** The QF sweep of one image: a stack of QF 10 ... 90, each slice labelled "QF n". */
	private static ImagePlus sweep(CommandSpec spec, CommandSpec.Values v, ImagePlus imp, JpegInfo jpeg, RestoreOptions o, Progress progress, Consumer<String> log) {
		if (imp.getStackSize() != 1)
			throw new IllegalArgumentException("sweep restores one image; '" + imp.getTitle() + "' has " + imp.getStackSize() + " planes (Image > Duplicate one first)");
		ImageProcessor ip = imp.getProcessor();
		log.accept(spec.title + ": QF sweep " + QfSweep.DEFAULT + " of '" + imp.getTitle() + "' with model '" + v.text("model") + "'");
		List<Restored> all = QfSweep.run(v.text("model"), o, new Input(Planes.toImage8(ip), jpeg, null), QfSweep.DEFAULT, progress);
		ImageStack out = new ImageStack(imp.getWidth(), imp.getHeight());
		for (Restored res : all) out.addSlice("QF " + res.qf, Planes.toProcessor(res.image, ip));
		String model = java.nio.file.Path.of(v.text("model").trim()).getFileName().toString().replaceAll("\\.json$", ""); // a card path: its file's name
		ImagePlus result = Planes.derived(imp, out, "-" + model + "-qf-sweep");
		result.setDimensions(1, all.size(), 1);
		return result;
	}
}
