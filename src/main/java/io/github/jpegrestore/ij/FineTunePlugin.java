package io.github.jpegrestore.ij;

import java.nio.file.Path;
import java.util.function.Consumer;

import ij.IJ;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import io.github.jpegrestore.JpegRestoreException;
import io.github.jpegrestore.finetune.FineTune;
import io.github.jpegrestore.inference.DeviceChoice;
import io.github.jpegrestore.inference.ModelStore;
import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.options.Catalog;

/**
 * Plugins > JPEG Restore > JPEG Restore Fine-tune: trains the luma model (or the color model) on a folder of the user's
 * lossless images (the command line's {@code finetune}), with the progress bar and Esc (which stops
 * training; the weights so far are measured). The held-out table goes to the "JPEG Restore
 * Fine-tune" table (it grows run after run); when the tuned model does not beat the base on the
 * held-out images no card is written and the command fails, so a macro stops before it uses the
 * card. Macro: run("JPEG Restore Fine-tune", "data=/data/tiffs out=em-tuned minutes=15 qf=10-50"), then
 * run("JPEG Restore Luma", "model=em-tuned") (a bare name is a card in the user models folder).
 */
public class FineTunePlugin implements PlugIn {
	public static final String TITLE = Menu.FINETUNE;

	public static final CommandSpec SPEC = new CommandSpec(Menu.FINETUNE, false, Catalog.FINETUNE);

	@Override
	public void run(String arg) {
		PluginSupport.withValues(SPEC, v -> PluginSupport.runAndShowAll(TITLE, () -> {
			run(v, new IjProgress(TITLE), IJ::log, t -> Tables.appendAndShow(t, TITLE));
			return null;
		}));
	}

	/** Runs the fine-tune; the table goes to {@code table} before a "not written" verdict fails the command. */
	public static ResultsTable run(CommandSpec.Values v, Progress progress, Consumer<String> log, Consumer<ResultsTable> table) {
		FineTune.Options o = new FineTune.Options();
		o.data = folder(v, "data");
		if (o.data == null) throw new IllegalArgumentException("data: give the folder of your lossless images");
		String out = v.text("out").trim();
		if (out.isEmpty()) throw new IllegalArgumentException("out: give the new model's name (em-tuned) or its card's path, NAME.json");
		o.out = ModelStore.newCard(out);
		o.model = v.text("model");
		o.minutes = v.integer("minutes");
		o.qf = v.text("qf");
		o.like = folder(v, "like");
		o.validate = folder(v, "validate");
		o.batch = v.integer("batch");
		o.patch = v.integer("patch");
		o.lr = FineTune.parseLr(v.text("lr"));
		o.seed = v.integer("seed");
		o.device = DeviceChoice.fromLabel(v.text("device"));
		FineTune.Result r = new FineTune(o, m -> log.accept(TITLE + ": " + m)).run(progress);
		ResultsTable t = new ResultsTable();
		for (FineTune.Row row : r.rows) {
			t.incrementCounter();
			t.addValue("Card", o.out.getFileName().toString());
			t.addValue("Base", o.model);
			t.addValue("Compression", row.label);
			t.addValue("JPEG", row.jpeg);
			t.addValue("Base PSNR", row.base);
			t.addValue("Tuned PSNR", row.tuned);
			t.addValue("Gain", row.tuned - row.base);
			t.addValue("Steps", r.steps);
			t.addValue("Minutes", r.seconds / 60);
			t.addValue("Written", r.written ? "yes" : "no");
		}
		table.accept(t);
		log.accept(TITLE + ": " + r.verdict);
		if (!r.written) throw new JpegRestoreException(r.verdict);
		return t;
	}

	private static Path folder(CommandSpec.Values v, String key) {
		String s = v.text(key).trim();
		return s.isEmpty() ? null : Path.of(s);
	}
}
