package io.github.jpegrestore.analysis;

import io.github.jpegrestore.jpeg.Dct;
import io.github.jpegrestore.jpeg.Zigzag;

/**
 * DCT statistics on the JPEG grid (8x8 blocks from (0,0)); planes are gray levels 0..255.
 * Blocks cut by the right or bottom edge are completed by edge replication, as a JPEG encoder does.
 * Coefficient index within a block: 8 * v + u (v vertical frequency, u horizontal).
 */
public final class BlockDct {
	private BlockDct() {}

	/** The DCT of every block (level-shifted by 128), blocks in row order: [blocks][64]. */
	public static double[][] coefficients(double[] plane, int w, int h) {
		int bw = (w + 7) / 8, bh = (h + 7) / 8;
		double[][] out = new double[bw * bh][64];
		double[] in = new double[64];
		for (int by = 0; by < bh; by++)
			for (int bx = 0; bx < bw; bx++) {
				for (int y = 0; y < 8; y++) {
					int sy = Math.min(h - 1, 8 * by + y);
					for (int x = 0; x < 8; x++) in[8 * y + x] = plane[sy * w + Math.min(w - 1, 8 * bx + x)] - 128;
				}
				Dct.forward(in, out[by * bw + bx]);
			}
		return out;
	}

	/**
	 * Block DCT map: a (8 * ceil(W/8)) x (8 * ceil(H/8)) image in which each 8x8 block is replaced
	 * by log(1 + |coefficient|) of its own DCT, DC at the block's top left.
	 */
	public static float[] blockMap(double[] plane, int w, int h) {
		int bw = (w + 7) / 8, bh = (h + 7) / 8, mw = 8 * bw;
		double[][] c = coefficients(plane, w, h);
		float[] map = new float[mw * 8 * bh];
		for (int b = 0; b < c.length; b++) {
			int bx = b % bw, by = b / bw;
			for (int i = 0; i < 64; i++) map[(8 * by + i / 8) * mw + 8 * bx + i % 8] = (float) Math.log1p(Math.abs(c[b][i]));
		}
		return map;
	}

	/**
	 * Frequency band stack (QGAC's frequency component rearrangement): 64 slices of ceil(W/8) x
	 * ceil(H/8), slice k (zig-zag order) holding coefficient Zigzag.NATURAL[k] of every block.
	 */
	public static float[][] bands(double[] plane, int w, int h) {
		double[][] c = coefficients(plane, w, h);
		float[][] s = new float[64][c.length];
		for (int k = 0; k < 64; k++) {
			int i = Zigzag.NATURAL[k];
			for (int b = 0; b < c.length; b++) s[k][b] = (float) c[b][i];
		}
		return s;
	}

	/** "k=3 u=1 v=1" style label of zig-zag slice k. */
	public static String bandLabel(int k) {
		int i = Zigzag.NATURAL[k];
		return "k=" + k + " u=" + (i % 8) + " v=" + (i / 8);
	}

	/**
	 * For each zig-zag index, the share of blocks whose coefficient is non-zero after quantization
	 * with {@code table} (natural order): |round(c / Q)| >= 1.
	 */
	public static double[] nonzeroProbability(double[] plane, int w, int h, int[] table) {
		double[][] c = coefficients(plane, w, h);
		double[] p = new double[64];
		for (int k = 0; k < 64; k++) {
			int i = Zigzag.NATURAL[k];
			int n = 0;
			for (double[] b : c)
				if (Math.rint(b[i] / table[i]) != 0) n++;
			p[k] = c.length == 0 ? 0 : n / (double) c.length;
		}
		return p;
	}
}
