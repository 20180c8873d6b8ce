package io.github.jpegrestore.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.restore.Input;
import io.github.jpegrestore.restore.QfChoice;
import io.github.jpegrestore.restore.Restorer;
import io.github.jpegrestore.restore.Restorers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "throughput", mixinStandardHelpOptions = true,
	description = "Speed and memory of a restorer on a synthetic SIZE x SIZE 8-bit image: cold (model load + first run) and warm megapixels per second, peak Java heap.")
final class ThroughputCommand implements Callable<Integer>, Described {
	@Override
	public java.util.List<io.github.jpegrestore.spec.Setting> settings() {
		return io.github.jpegrestore.options.Catalog.RESTORE_CLI;
	}

	@Spec CommandSpec spec;
	@Option(names = "--size", defaultValue = "2048") int size;
	@Option(names = "--runs", defaultValue = "3", description = "warm runs after the cold one") int runs;
	@Option(names = "--model") String model;
	@Option(names = "--rgb", description = "an RGB image (default: 8-bit gray; the color model always gets RGB)") boolean rgb;
	@Mixin RunOptions run;

	@Override
	public Integer call() {
		if (size < 16 || runs < 0) throw new IllegalArgumentException("--size must be at least 16 and --runs not negative");
		PrintWriter out = spec.commandLine().getOut();
		int channels = rgb || model.equals("color") ? 3 : 1;
		Image8 img = new Image8(size, size, channels);
		java.util.Random r = new java.util.Random(1);
		for (int y = 0; y < size; y++)
			for (int x = 0; x < size; x++)
				for (int c = 0; c < channels; c++)
					img.set(x, y, c, Image8.clamp255(128 + 60 * Math.sin(x / (7.0 + c)) * Math.cos(y / (11.0 - c)) + r.nextGaussian() * 8));
		Input in = Input.pixels(img);
		long[] peakSeen = { 0 };
		Thread sampler = new Thread(() -> {
			java.lang.management.MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
			while (!Thread.currentThread().isInterrupted()) {
				peakSeen[0] = Math.max(peakSeen[0], mem.getHeapMemoryUsage().getUsed());
				try {
					Thread.sleep(10);
				} catch (InterruptedException e) {
					return;
				}
			}
		}, "heap-sampler");
		sampler.setDaemon(true);
		sampler.start();
		double mp = size * (double) size / 1e6;
		long t0 = System.nanoTime();
		Restorer lr = Restorers.create(model, run.options().qf(QfChoice.parse("20")));
		lr.restore(in, Progress.NONE);
		double cold = (System.nanoTime() - t0) / 1e9;
		out.printf(Locale.ROOT, "model %s on %s, %dx%d %s, tile %s: cold %.2f s (%.3f MP/s, model load included)%n", lr.name(), lr.device(),
			size, size, channels == 3 ? "RGB" : "gray", run.tile == 0 ? "auto" : Integer.toString(run.tile), cold, mp / cold);
		double best = Double.MAX_VALUE, sum = 0;
		for (int i = 0; i < runs; i++) {
			long t = System.nanoTime();
			lr.restore(in, Progress.NONE);
			double s = (System.nanoTime() - t) / 1e9;
			best = Math.min(best, s);
			sum += s;
		}
		if (runs > 0) out.printf(Locale.ROOT, "warm: mean %.2f s (%.3f MP/s), best %.2f s (%.3f MP/s) over %d runs%n", sum / runs, mp * runs / sum, best, mp / best, runs);
		sampler.interrupt();
		out.printf(Locale.ROOT, "peak Java heap %.0f MiB, sampled every 10 ms (the 8-bit image is %.0f MiB in and %.0f MiB out; max heap %.0f MiB)%n",
			peakSeen[0] / 1048576.0, channels * mp * 1e6 / 1048576.0, channels * mp * 1e6 / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
		out.flush();
		return Exit.OK;
	}
}
