package io.github.jpegrestore.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.github.jpegrestore.inference.DeviceChoice;
import io.github.jpegrestore.inference.ModelStore;
import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.restore.LumaRestorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "throughput", mixinStandardHelpOptions = true,
	description = "Speed and memory of a restorer on a synthetic SIZE x SIZE 8-bit image: cold (model load + first run) and warm megapixels per second, peak Java heap.")
final class ThroughputCommand implements Callable<Integer> {
	@Spec CommandSpec spec;
	@Option(names = "--size", defaultValue = "2048") int size;
	@Option(names = "--runs", defaultValue = "3", description = "warm runs after the cold one") int runs;
	@Option(names = "--model", defaultValue = "luma") String model;
	@Option(names = "--device", defaultValue = "auto") String device;
	@Option(names = "--tile", defaultValue = "0") int tile;

	@Override
	public Integer call() {
		if (size < 16 || runs < 0) throw new IllegalArgumentException("--size must be at least 16 and --runs not negative");
		PrintWriter out = spec.commandLine().getOut();
		Image8 img = new Image8(size, size, 1);
		java.util.Random r = new java.util.Random(1);
		for (int y = 0; y < size; y++)
			for (int x = 0; x < size; x++) img.data[y * size + x] = (byte) (128 + 60 * Math.sin(x / 7.0) * Math.cos(y / 11.0) + r.nextGaussian() * 8);
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
		LumaRestorer lr = new LumaRestorer(ModelStore.find(model), DeviceChoice.fromLabel(device), tile);
		lr.restore(img, 20, null, lr.newTiler(), Progress.NONE, 0, -1);
		double cold = (System.nanoTime() - t0) / 1e9;
		out.printf(Locale.ROOT, "model %s on %s, %dx%d, tile %d: cold %.2f s (%.3f MP/s, model load included)%n", lr.card().name, lr.model().device,
			size, size, lr.newTiler().tile(), cold, mp / cold);
		double best = Double.MAX_VALUE, sum = 0;
		for (int i = 0; i < runs; i++) {
			long t = System.nanoTime();
			lr.restore(img, 20, null, lr.newTiler(), Progress.NONE, 0, -1);
			double s = (System.nanoTime() - t) / 1e9;
			best = Math.min(best, s);
			sum += s;
		}
		if (runs > 0) out.printf(Locale.ROOT, "warm: mean %.2f s (%.3f MP/s), best %.2f s (%.3f MP/s) over %d runs%n", sum / runs, mp * runs / sum, best, mp / best, runs);
		sampler.interrupt();
		out.printf(Locale.ROOT, "peak Java heap %.0f MiB, sampled every 10 ms (the 8-bit image is %.0f MiB in and %.0f MiB out; max heap %.0f MiB)%n",
			peakSeen[0] / 1048576.0, mp * 1e6 / 1048576.0, mp * 1e6 / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
		out.flush();
		return Main.OK;
	}
}
