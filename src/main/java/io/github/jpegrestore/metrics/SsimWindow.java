package io.github.jpegrestore.metrics;

/** SSIM window: Wang et al.'s 11x11 Gaussian (sigma 1.5) or an 8x8 uniform window (ARCNN / torchjpeg). */
public enum SsimWindow {
	GAUSSIAN("gaussian"), UNIFORM8("uniform8");

	public final String label;

	SsimWindow(String label) {
		this.label = label;
	}

	/** The separable 1D kernel, normalised to sum 1. */
	double[] kernel() {
		if (this == UNIFORM8) {
			double[] k = new double[8];
			java.util.Arrays.fill(k, 1.0 / 8);
			return k;
		}
		double[] k = new double[11];
		double s = 0;
		for (int i = 0; i < 11; i++) s += k[i] = Math.exp(-(i - 5) * (i - 5) / (2 * 1.5 * 1.5));
		for (int i = 0; i < 11; i++) k[i] /= s;
		return k;
	}

	public int size() {
		return this == UNIFORM8 ? 8 : 11;
	}

	public static String[] labels() {
		SsimWindow[] v = values();
		String[] s = new String[v.length];
		for (int i = 0; i < v.length; i++) s[i] = v[i].label;
		return s;
	}

	public static SsimWindow fromLabel(String s) {
		for (SsimWindow w : values())
			if (w.label.equals(s)) return w;
		throw new IllegalArgumentException("ssim must be gaussian or uniform8, got '" + s + "'");
	}
}
