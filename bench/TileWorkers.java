import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Random;

import ai.djl.Device;
import io.github.jpegrestore.inference.TorchModel;

/**
 * How to spend a CPU's cores on tiles (issue 25, BENCHMARKS.md "Threads and batches"): W workers, each
 * with its own copy of the model, run B tiles per call in parallel Java threads; libtorch's intra-op
 * threads are set for the whole process ({@code -Dai.djl.pytorch.num_threads=N}). Prints the
 * aggregate rate in MP/s of input pixels (a SIDE x SIDE tile, core plus halo on both sides), one line
 * per round; the first round includes the warm-up. From the repository root, after a build:
 *
 * <pre>
 * java -Dai.djl.offline=true -Dai.djl.pytorch.graph_optimizer=false [-Dai.djl.pytorch.num_threads=1] \
 *     -cp "target/JPEG_Restore.jar:target/lib/*" bench/TileWorkers.java models/luma.pt WORKERS TILES [BATCH [SIDE]]
 * </pre>
 *
 * TILES is per worker and round. Inputs are random (speed does not depend on the pixels), QF 30.
 */
public class TileWorkers {
	public static void main(String[] a) throws InterruptedException {
		if (a.length < 3) {
			System.err.println("usage: TileWorkers MODEL.pt WORKERS TILES [BATCH [SIDE]]");
			System.exit(2);
		}
		int workers = Integer.parseInt(a[1]), tiles = Integer.parseInt(a[2]);
		int batch = a.length > 3 ? Integer.parseInt(a[3]) : 1, side = a.length > 4 ? Integer.parseInt(a[4]) : 672;
		TorchModel[] models = new TorchModel[workers];
		for (int i = 0; i < workers; i++) models[i] = new TorchModel(Paths.get(a[0]), Device.cpu(), "fp32");
		float[] x = new float[batch * side * side];
		Random r = new Random(1);
		for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
		float[] q = new float[batch];
		Arrays.fill(q, 0.3f);
		long[] shape = { batch, 1, side, side };
		int calls = Math.max(1, tiles / batch);
		for (int round = 0; round < 3; round++) {
			Thread[] ts = new Thread[workers];
			long t0 = System.nanoTime();
			for (int i = 0; i < workers; i++) {
				TorchModel m = models[i];
				ts[i] = new Thread(() -> {
					for (int j = 0; j < calls; j++) m.run(x, shape, q);
				});
				ts[i].start();
			}
			for (Thread t : ts) t.join();
			double s = (System.nanoTime() - t0) / 1e9;
			System.out.printf("workers %d x intra-op threads %s, batch %d, %d^2 tiles: %.3f MP/s%s%n", workers,
				System.getProperty("ai.djl.pytorch.num_threads", "default"), batch, side,
				(double) workers * calls * batch * side * side / s / 1e6, round == 0 ? " (with warm-up)" : "");
		}
		System.exit(0);
	}
}
