package io.github.jpegrestore.jpeg;

/**
 * IJG quantization tables. All tables here are in natural (row-major) order, as ImageIO returns
 * them; {@link Zigzag} converts from the order a DQT segment stores.
 */
public final class QuantTables {
	private QuantTables() {}

	/** JPEG spec Annex K, table K.1 (luminance), natural order. */
	public static final int[] BASE_LUMA = {
		16, 11, 10, 16, 24, 40, 51, 61,
		12, 12, 14, 19, 26, 58, 60, 55,
		14, 13, 16, 24, 40, 57, 69, 56,
		14, 17, 22, 29, 51, 87, 80, 62,
		18, 22, 37, 56, 68, 109, 103, 77,
		24, 35, 55, 64, 81, 104, 113, 92,
		49, 64, 78, 87, 103, 121, 120, 101,
		72, 92, 95, 98, 112, 100, 103, 99 };

	/** JPEG spec Annex K, table K.2 (chrominance), natural order. */
	public static final int[] BASE_CHROMA = {
		17, 18, 24, 47, 99, 99, 99, 99,
		18, 21, 26, 66, 99, 99, 99, 99,
		24, 26, 56, 99, 99, 99, 99, 99,
		47, 66, 99, 99, 99, 99, 99, 99,
		99, 99, 99, 99, 99, 99, 99, 99,
		99, 99, 99, 99, 99, 99, 99, 99,
		99, 99, 99, 99, 99, 99, 99, 99,
		99, 99, 99, 99, 99, 99, 99, 99 };

	/** IJG quality scaling: 5000/QF below 50 (integer division), else 200 - 2 QF. */
	public static int scale(int qf) {
		checkQuality(qf);
		return qf < 50 ? 5000 / qf : 200 - 2 * qf;
	}

	/** The IJG table for quality qf (1..100), baseline (entries clamped to 1..255). */
	public static int[] forQuality(int qf, boolean chroma) {
		int s = scale(qf);
		int[] base = chroma ? BASE_CHROMA : BASE_LUMA;
		int[] t = new int[64];
		for (int i = 0; i < 64; i++) {
			int v = (base[i] * s + 50) / 100;
			t[i] = Math.max(1, Math.min(255, v));
		}
		return t;
	}

	public static void checkQuality(int qf) {
		if (qf < 1 || qf > 100) throw new IllegalArgumentException("quality must be 1..100, got " + qf);
	}

	/** The QF a table corresponds to: exact when it is an IJG table, else the nearest one. */
	public static final class Estimate {
		public final int qf;
		public final boolean ijg;
		/** Root-mean-square difference to the IJG table of {@link #qf} (0 when exact). */
		public final double rmsError;

		Estimate(int qf, boolean ijg, double rmsError) {
			this.qf = qf;
			this.ijg = ijg;
			this.rmsError = rmsError;
		}

		@Override
		public String toString() {
			return "qf=" + qf + " ijg=" + ijg;
		}
	}

	/**
	 * The IJG quality of a table (natural order). For foreign tables (camera, Adobe) the
	 * "equivalent QF" is the IJG quality whose table is nearest in mean squared log ratio, which
	 * weights all frequencies alike whatever their step size; ties go to the higher QF.
	 */
	public static Estimate estimate(int[] table, boolean chroma) {
		if (table.length != 64) throw new IllegalArgumentException("a quantization table has 64 entries");
		int best = -1;
		double bestErr = Double.MAX_VALUE;
		for (int q = 100; q >= 1; q--) {
			int[] t = forQuality(q, chroma);
			boolean same = true;
			double err = 0;
			for (int i = 0; i < 64; i++) {
				if (t[i] != table[i]) same = false;
				double d = Math.log(Math.max(1, table[i])) - Math.log(t[i]);
				err += d * d;
			}
			if (same) return new Estimate(q, true, 0);
			if (err < bestErr) {
				bestErr = err;
				best = q;
			}
		}
		int[] t = forQuality(best, chroma);
		double se = 0;
		for (int i = 0; i < 64; i++) se += (double) (t[i] - table[i]) * (t[i] - table[i]);
		return new Estimate(best, false, Math.sqrt(se / 64));
	}
}
