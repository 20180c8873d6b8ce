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

	/** The quantization table the non-zero counts use, and how to name it in a plot or log. */
	public static final class CountTable {
		public final int[] table;
		public final String label;

		CountTable(int[] table, String label) {
			this.table = table;
			this.label = label;
		}
	}

	/** The QF of the count table when the image has no JPEG file. */
	public static final int COUNT_QF_WITHOUT_FILE = 50;

	/**
	 * The rule for the count table, for every front end: {@code file} = the JPEG file's luma table
	 * (an image without its file: the IJG table of QF {@value #COUNT_QF_WITHOUT_FILE}); a number =
	 * that IJG QF's table.
	 */
	public static CountTable countTable(String choice, io.github.jpegrestore.jpeg.JpegInfo jpeg) {
		String c = choice.trim();
		if (c.equalsIgnoreCase("file"))
			return jpeg != null ? new CountTable(jpeg.tableOf(0), "the file's luma table")
				: new CountTable(io.github.jpegrestore.jpeg.QuantTables.forQuality(COUNT_QF_WITHOUT_FILE, false), "QF " + COUNT_QF_WITHOUT_FILE);
		int q;
		try {
			q = Integer.parseInt(c);
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("qf must be file or a number 1..100, got '" + choice + "'");
		}
		io.github.jpegrestore.jpeg.QuantTables.checkQuality(q);
		return new CountTable(io.github.jpegrestore.jpeg.QuantTables.forQuality(q, false), "QF " + q);
	}
}
