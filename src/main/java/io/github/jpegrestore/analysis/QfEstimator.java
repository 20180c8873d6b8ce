package io.github.jpegrestore.analysis;

import io.github.jpegrestore.jpeg.Dct;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.QuantTables;

/**
 * Blind QF estimation from pixels. The DCT coefficients of a decoded JPEG's blocks lie, up to the
 * decoder's rounding, on the quantization lattice of its table: requantizing them with the IJG
 * table of the true QF moves them far less than requantizing with any other table. The estimate is
 * the QF whose luma table gives the smallest relative requantization error ({@link #curve}) over the
 * full 8x8 blocks of the grid at (dx, dy); this recompression-error curve over QF is what the
 * double-JPEG analysis evaluates for each of the 64 grid shifts.
 */
public final class QfEstimator {
	private QfEstimator() {}

	/** The result: estimated QF and the relative-error curve (index = QF, 1..100). */
	public static final class Estimate {
		public final int qf;
		public final double[] curve;
		public final double score;
		/** False when no IJG table fits (never compressed, or compressed at a QF of about 98 or more): qf is then 100. */
		public final boolean compressed;

		Estimate(int qf, double[] curve) {
			this.curve = curve;
			this.score = curve[qf];
			this.compressed = score < NO_FIT;
			this.qf = compressed ? qf : 100;
		}
	}

	/** DCT coefficients of the full 8x8 blocks of plane p (w x h) on the grid starting at (dx, dy). */
	public static double[][] blockCoefficients(double[] p, int w, int h, int dx, int dy, int maxBlocks) {
		int bw = (w - dx) / 8, bh = (h - dy) / 8;
		int n = bw * bh;
		int stride = Math.max(1, n / Math.max(1, maxBlocks));
		int count = (n + stride - 1) / stride;
		double[][] out = new double[count][];
		double[] in = new double[64];
		int k = 0;
		for (int b = 0; b < n && k < count; b += stride) {
			int bx = dx + 8 * (b % bw), by = dy + 8 * (b / bw);
			for (int y = 0; y < 8; y++)
				for (int x = 0; x < 8; x++) in[8 * y + x] = p[(by + y) * w + bx + x] - 128;
			double[] c = new double[64];
			Dct.forward(in, c);
			out[k++] = c;
		}
		return k == count ? out : java.util.Arrays.copyOf(out, k);
	}

	/**
	 * Relative requantization error against the IJG luma table of each QF: over the AC
	 * coefficients that quantize to a non-zero value, the squared distance to the lattice divided
	 * by its expectation for an unquantized coefficient (step^2 / 12). About 1 for an image that
	 * was never quantized with that table, near 0 for its own table (only the decoder's rounding
	 * is left), and among the lattices a JPEG lies on the coarsest (its own) has the smallest value.
	 * Fewer than 32 non-zero coefficients leave the QF undecided (1.0).
	 */
	public static double[] curve(double[][] blocks) {
		return curve(blocks, 100);
	}

	/** {@link #curve(double[][])} for QF 1..{@code maxQf} only; higher QFs get 1.0 (no fit). */
	static double[] curve(double[][] blocks, int maxQf) {
		return curve(blocks, maxQf, 32);
	}

	/** {@link #curve(double[][], int)} with at least {@code minNonZero} non-zero coefficients for a QF to be decided. */
	static double[] curve(double[][] blocks, int maxQf, int minNonZero) {
		double[] cost = new double[101];
		cost[0] = Double.NaN;
		java.util.Arrays.fill(cost, maxQf + 1, 101, 1.0);
		for (int q = 1; q <= maxQf; q++) {
			int[] t = QuantTables.forQuality(q, false);
			double num = 0, den = 0;
			int n = 0;
			for (double[] c : blocks)
				for (int i = 1; i < 64; i++) {
					double s = t[i];
					double r = c[i] / s, k = Math.rint(r);
					if (k == 0) continue;
					double e = (r - k) * s;
					num += e * e;
					den += s * s / 12.0;
					n++;
				}
			cost[q] = n < minNonZero ? 1.0 : num / den;
		}
		return cost;
	}

	/** Above this relative error no table fits: the image shows no sign of JPEG quantization on this grid. */
	public static final double NO_FIT = 0.5;

	public static Estimate estimate(Image8 img) {
		Image8 y = img.channels == 1 ? img : io.github.jpegrestore.jpeg.YCbCr.luma(img, false);
		return estimate(y.plane(0), y.width, y.height, 0, 0);
	}

	public static Estimate estimate(double[] plane, int w, int h, int dx, int dy) {
		if ((w - dx) < 8 || (h - dy) < 8) throw new IllegalArgumentException("image too small to estimate its quality (needs one 8x8 block)");
		double[] c = curve(blockCoefficients(plane, w, h, dx, dy, 4096));
		int best = 1;
		for (int q = 2; q <= 100; q++)
			if (c[q] < c[best]) best = q;
		return new Estimate(best, c);
	}

	/** The aligned estimate and the best fit on any of the 63 shifted grids. */
	public static final class GridScan {
		public final Estimate aligned;
		/** Best estimate over the shifted grids, with its shift: the grid starts at (dx, dy). */
		public final Estimate shifted;
		public final int dx, dy;

		GridScan(Estimate aligned, Estimate shifted, int dx, int dy) {
			this.aligned = aligned;
			this.shifted = shifted;
			this.dx = dx;
			this.dy = dy;
		}

		/** JPEG traces on the (0,0) grid and on a shifted one: compressed twice, the grid moved in between. */
		public boolean doubleCompressed() {
			return aligned.compressed && shifted.compressed;
		}

		/** Traces only on a shifted grid: a JPEG cropped off its grid (or padded). */
		public boolean gridShifted() {
			return !aligned.compressed && shifted.compressed;
		}
	}

	/** Scans the 64 grid origins (recompression-error curves per shift) for double or shifted JPEG traces. */
	public static GridScan scanGrids(Image8 img) {
		Image8 y = img.channels == 1 ? img : io.github.jpegrestore.jpeg.YCbCr.luma(img, false);
		double[] p = y.plane(0);
		int w = y.width, h = y.height;
		Estimate aligned = estimate(p, w, h, 0, 0);
		Estimate best = null;
		int bx = 0, by = 0;
		for (int dy = 0; dy < 8; dy++)
			for (int dx = 0; dx < 8; dx++) {
				if ((dx == 0 && dy == 0) || w - dx < 8 || h - dy < 8) continue;
				double[] c = curve(blockCoefficients(p, w, h, dx, dy, 1024));
				int q = 1;
				for (int k = 2; k <= 100; k++)
					if (c[k] < c[q]) q = k;
				Estimate e = new Estimate(q, c);
				if (best == null || e.score < best.score) {
					best = e;
					bx = dx;
					by = dy;
				}
			}
		if (best == null) best = new Estimate(100, new double[101]);
		return new GridScan(aligned, best, bx, by);
	}

	/** Blocks per grid in the quick pass of {@link #strongerShiftedCompression} and {@link #locateGrid}. */
	static final int QUICK_BLOCKS = 128;
	/** The quick pass keeps a grid up to this error (looser than {@link #NO_FIT}: few blocks, and the full fit decides). */
	static final double QUICK_NO_FIT = 0.8;
	/**
	 * Guards against false alarms: at least this many 8x8 blocks (a 72x56 synthetic JPEG at QF 15
	 * once "showed" a first compression at QF 14), and a first QF at least this much below the
	 * file's (a nearly equal one would change the restoration little anyway).
	 */
	static final int MIN_BLOCKS = 64, MIN_GAP = 5;

	/**
	 * Null when a w x h image has enough 8x8 blocks ({@value #MIN_BLOCKS}) to estimate a QF or a
	 * grid from its pixels, else the sentence that says why not (the Estimate Quality table and
	 * {@code qf --blind} show it).
	 */
	public static String tooSmall(int w, int h) {
		int blocks = (w / 8) * (h / 8);
		return blocks >= MIN_BLOCKS ? null
			: "too small to estimate from its pixels (" + w + "x" + h + ": " + blocks + " blocks of 8x8; " + MIN_BLOCKS + " needed)";
	}

	/**
	 * Evidence a claimed earlier compression needs, counted on distinct blocks only (a periodic
	 * pattern repeats the same few blocks, whose coefficients then "fit" a coarse lattice by
	 * chance: smooth 64x64 patterns at QF 50 were once restored as QF 1-22 double JPEGs, 2-11 dB
	 * below the JPEG): at least {@link #MIN_BLOCKS} distinct blocks and this many non-zero
	 * quantized coefficients. For an unquantized coefficient the relative error has mean 1 and
	 * standard deviation about 0.9, so the mean over 200 lies below {@link #DOMINANT_NO_FIT} (0.8)
	 * by chance less than once in a thousand.
	 */
	static final int MIN_EVIDENCE = 200;

	/** The blocks with distinct content (coefficients to 1/4), in order. */
	static double[][] distinct(double[][] blocks) {
		java.util.Set<java.util.List<Long>> seen = new java.util.HashSet<>();
		java.util.List<double[]> out = new java.util.ArrayList<>();
		for (double[] c : blocks) {
			java.util.List<Long> key = new java.util.ArrayList<>(64);
			for (double v : c) key.add(Math.round(v * 4));
			if (seen.add(key)) out.add(c);
		}
		return out.toArray(new double[0][]);
	}

	/** A JPEG grid found in the pixels: its 8x8 blocks start at column dx, row dy (0..7), with the QF fitted there. */
	public static final class GridFit {
		public final int qf, dx, dy;
		/** False when no table fits on any grid (qf is then 100 and the grid (0,0)). */
		public final boolean compressed;

		GridFit(int qf, int dx, int dy, boolean compressed) {
			this.qf = qf;
			this.dx = dx;
			this.dy = dy;
			this.compressed = compressed;
		}

		/** The same fit seen in an image with {@code x} more columns and {@code y} more rows before it. */
		public GridFit shifted(int x, int y) {
			return new GridFit(qf, (dx + x) % 8, (dy + y) % 8, compressed);
		}
	}

	/**
	 * Above this relative error at its best QF the first compression of a double JPEG is not
	 * accepted. Looser than {@link #NO_FIT}: the second compression moves the first one's
	 * coefficients off its lattice (a (10, 30) double JPEG fits at 0.37-0.65 on BSD68, Classic5 and
	 * Set12), while the shifted grids of 840 single JPEGs of those sets (QF 10-95) never fit the
	 * QFs at least {@link #MIN_GAP} below their own better than 0.97.
	 */
	static final double DOMINANT_NO_FIT = 0.8;

	/**
	 * For an image decoded from a JPEG file of quality {@code below}: an earlier, stronger
	 * compression on a shifted grid (a non-aligned double JPEG: FBCNN-D's dominant QF) with its grid,
	 * or null when the pixels show none. A quick pass fits only the QFs under {@code below} with
	 * {@value #QUICK_BLOCKS} blocks on each of the 63 shifted grids; on the best grid the QFs at
	 * least {@link #MIN_GAP} under {@code below} are then fitted with up to 4096 blocks, and the best
	 * is accepted under {@link #DOMINANT_NO_FIT}. A few tens of milliseconds for any image size
	 * (the caller passes a crop of large images).
	 */
	public static GridFit strongerShiftedCompression(Image8 img, int below) {
		if (below <= MIN_GAP || (img.width / 8) * (img.height / 8) < MIN_BLOCKS) return null;
		Image8 y = img.channels == 1 ? img : io.github.jpegrestore.jpeg.YCbCr.luma(img, false);
		int[] g = quickBest(y, below - 1, false);
		if (g == null) return null;
		double[][] blocks = distinct(blockCoefficients(y.plane(0), y.width, y.height, g[0], g[1], 4096));
		if (blocks.length < MIN_BLOCKS) return null;
		double[] c = curve(blocks, below - MIN_GAP, MIN_EVIDENCE);
		int q = 1;
		for (int k = 2; k <= below - MIN_GAP; k++)
			if (c[k] < c[q]) q = k;
		return c[q] < DOMINANT_NO_FIT ? new GridFit(q, g[0], g[1], true) : null;
	}

	/**
	 * The grid on which an image shows the strongest JPEG traces, for pixels that did not come with
	 * their JPEG file (a JPEG re-saved as PNG, perhaps cropped off its grid): the quick pass over all
	 * 64 grid origins, then the best fitted in full ({@link #estimate(double[], int, int, int, int)}).
	 * When no grid shows traces the fit is that of (0,0), not compressed.
	 */
	public static GridFit locateGrid(Image8 img) {
		Image8 y = img.channels == 1 ? img : io.github.jpegrestore.jpeg.YCbCr.luma(img, false);
		int[] g = (img.width / 8) * (img.height / 8) < MIN_BLOCKS ? null : quickBest(y, 100, true);
		if (g != null) {
			Estimate e = estimate(y.plane(0), y.width, y.height, g[0], g[1]);
			if (e.compressed) return new GridFit(e.qf, g[0], g[1], true);
		}
		Estimate e = estimate(y.plane(0), y.width, y.height, 0, 0);
		return new GridFit(e.qf, 0, 0, e.compressed);
	}

	/**
	 * The grid (dx, dy) whose quick {@value #QUICK_BLOCKS}-block curve over QF 1..{@code maxQf}
	 * reaches the lowest value, if below {@link #QUICK_NO_FIT}; null when none does. (0,0) is
	 * scanned only {@code withAligned}, and wins ties.
	 */
	private static int[] quickBest(Image8 y, int maxQf, boolean withAligned) {
		double[] p = y.plane(0);
		int w = y.width, h = y.height, bx = -1, by = -1;
		double best = QUICK_NO_FIT;
		for (int dy = 0; dy < 8; dy++)
			for (int dx = 0; dx < 8; dx++) {
				if ((dx == 0 && dy == 0 && !withAligned) || w - dx < 8 || h - dy < 8) continue;
				double[] c = curve(blockCoefficients(p, w, h, dx, dy, QUICK_BLOCKS), maxQf);
				for (int q = 1; q <= maxQf; q++)
					if (c[q] < best) {
						best = c[q];
						bx = dx;
						by = dy;
					}
			}
		return bx < 0 ? null : new int[] { bx, by };
	}
}
