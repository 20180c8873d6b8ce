package io.github.jpegrestore.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.jpegrestore.finetune.FineTune;
import io.github.jpegrestore.inference.DeviceChoice;
import io.github.jpegrestore.inference.ModelStore;
import io.github.jpegrestore.inference.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "finetune", mixinStandardHelpOptions = true,
	description = "Fine-tune the luma model (or --model color, on RGB images) on your own lossless images (a fifth held out), in Java; writes a new model card only if it beats the base on the held-out images. Ctrl-C stops early and measures the weights so far.")
final class FineTuneCommand implements Callable<Integer>, Described {
	@Override
	public java.util.List<io.github.jpegrestore.spec.Setting> settings() {
		return io.github.jpegrestore.options.Catalog.FINETUNE;
	}

	@Option(names = "--data", required = true) Path data;
	@Option(names = "--out", required = true) String out;
	@Option(names = "--model") String model;
	@Option(names = "--minutes") int minutes;
	@Option(names = "--qf") String qf;
	@Option(names = "--like") Path like;
	@Option(names = "--validate") Path validate;
	@Option(names = "--batch") int batch;
	@Option(names = "--patch") int patch;
	@Option(names = "--lr") String lr;
	@Option(names = "--seed") int seed;
	@Option(names = "--device") String device;
	@Option(names = "--overwrite", description = "replace an existing card and weights") boolean overwrite;

	@Override
	public Integer call() {
		FineTune.Options o = new FineTune.Options();
		o.data = data;
		o.out = ModelStore.newCard(out);
		o.model = model;
		o.minutes = minutes;
		o.qf = qf;
		o.like = like;
		o.validate = validate;
		o.batch = batch;
		o.patch = patch;
		o.lr = FineTune.parseLr(lr);
		o.seed = seed;
		o.device = DeviceChoice.fromLabel(device);
		o.overwrite = overwrite;
		AtomicBoolean stop = new AtomicBoolean();
		onInterrupt(stop);
		FineTune.Result r = new FineTune(o, m -> System.err.println("fine-tune: " + m)).run(new Progress() {
			@Override
			public void update(long done, long total) {}

			@Override
			public boolean canceled() {
				return stop.get();
			}
		});
		System.out.println("compression\tjpeg\tbase\ttuned\tgain");
		for (FineTune.Row row : r.rows)
			System.out.println(String.format(Locale.ROOT, "%s\t%.4f\t%.4f\t%.4f\t%+.4f", row.label, row.jpeg, row.base, row.tuned, row.tuned - row.base));
		System.err.println(String.format(Locale.ROOT, "fine-tune: %d steps in %.0f s (%.1f steps/min); %s", r.steps, r.seconds, r.steps / Math.max(1e-9, r.seconds / 60), r.verdict));
		if (!r.written) throw new Exit.CliFailure("fine-tune: " + r.verdict);
		return Exit.OK;
	}

	/** Ctrl-C / SIGTERM: the first stops training (the weights so far are measured and, if better, written); a second quits. */
	private static void onInterrupt(AtomicBoolean stop) {
		for (String name : new String[] { "INT", "TERM" }) {
			try {
				sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> {
					if (stop.getAndSet(true)) System.exit(130);
					System.err.println("fine-tune: stopping after this step; the weights so far are measured (" + (name.equals("INT") ? "Ctrl-C" : "SIGTERM") + " again quits at once)");
				});
			} catch (IllegalArgumentException | UnsupportedOperationException e) {
				// a JVM without this signal: the default (quit) stays
			}
		}
	}
}
