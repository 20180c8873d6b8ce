package io.github.jpegrestore.restore;

import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.inference.Tiler;

/**
 * Test-time flip ensemble (the "+" rows of the restoration literature): the plane is restored as it
 * is and mirrored left-right, top-bottom and both, each restoration mirrored back, and the four
 * averaged. Mirroring is an exact symmetry of JPEG: a mirrored 8x8 block's DCT coefficients only
 * change sign, so they lie on the same quantization lattice and the network sees an equally valid
 * JPEG; the block grid moves with the mirror and is handed to the network where it now lies.
 * Transposes are left out: the IJG tables are not symmetric, and measured in PyTorch
 * (bench/flip_ensemble.py) the 8-fold ensemble gained nothing over these four (BENCHMARKS.md). The quantization constraint, when asked for, is
 * applied once to the average (the average of projected planes would lie in the bins as well, but
 * the constraint works on the file's own grid).
 */
final class FlipEnsemble {
	static final int PASSES = 4;

	private FlipEnsemble() {}

	/** The grid origin (where 8x8 blocks start) of a plane of {@code size} pixels after mirroring it. */
	static int mirroredOrigin(int origin, int size) {
		return Math.floorMod(size - origin, 8);
	}

	/**
	 * Runs {@code net} over a width x height plane four times and hands the mean to {@code sink};
	 * {@code filter} (or null) then works on the mean as on one tile covering the plane.
	 */
	static void run(TiledModel net, int width, int height, QfChoice.Grid grid, Tiler.Source src, Tiler.Sink sink, int qf,
		Tiler.CoreFilter filter, Progress progress) {
		long n = (long) width * height;
		if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("ensemble: a plane of " + width + " x " + height + " pixels is too large for it; restore without ensemble");
		float[] sum = new float[(int) n], pass = new float[(int) n];
		for (int f = 0; f < PASSES; f++) {
			boolean fx = (f & 1) != 0, fy = (f & 2) != 0;
			Tiler.Source s = (c, x, y) -> src.get(c, fx ? width - 1 - x : x, fy ? height - 1 - y : y);
			// set, not add: after an out-of-memory retry the tiler writes the plane again
			Tiler.Sink k = (c, x, y, v) -> pass[(fy ? height - 1 - y : y) * width + (fx ? width - 1 - x : x)] = v;
			QfChoice.Grid g = new QfChoice.Grid(fx ? mirroredOrigin(grid.x, width) : grid.x, fy ? mirroredOrigin(grid.y, height) : grid.y);
			net.run(width, height, g, s, k, qf, null, progress.part(f, PASSES));
			for (int i = 0; i < sum.length; i++) sum[i] += pass[i];
		}
		for (int i = 0; i < sum.length; i++) sum[i] /= PASSES;
		if (filter != null) filter.apply(sum, 1, width, height, 0, 0, width, height, 0, 0);
		for (int y = 0, i = 0; y < height; y++)
			for (int x = 0; x < width; x++, i++) sink.set(0, x, y, sum[i]);
	}
}
