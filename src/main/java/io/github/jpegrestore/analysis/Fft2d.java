package io.github.jpegrestore.analysis;

/**
 * An in-place radix-2 complex FFT of a square power-of-two block (the 64x64 patches of
 * {@link PatchAnalysis}): rows, then columns. Data are interleaved (re, im) in row-major order,
 * the layout of a full complex spectrum; the forward transform has no scaling,
 * F(u,v) = sum f(x,y) exp(-2 pi i (ux + vy) / n).
 */
final class Fft2d {
	private final int n;
	private final double[] cos, sin;
	private final int[] reversed;
	private final double[] line;

	Fft2d(int n) {
		if (n < 2 || Integer.bitCount(n) != 1) throw new IllegalArgumentException("FFT size must be a power of two, got " + n);
		this.n = n;
		cos = new double[n / 2];
		sin = new double[n / 2];
		for (int k = 0; k < n / 2; k++) {
			cos[k] = Math.cos(2 * Math.PI * k / n);
			sin[k] = -Math.sin(2 * Math.PI * k / n);
		}
		reversed = new int[n];
		int bits = Integer.numberOfTrailingZeros(n);
		for (int i = 0; i < n; i++) reversed[i] = Integer.reverse(i) >>> (32 - bits);
		line = new double[2 * n];
	}

	/** Forward transform of an n x n complex block, interleaved (re, im), in place. */
	void forward(double[] data) {
		if (data.length != 2 * n * n) throw new IllegalArgumentException("FFT block must hold " + (2 * n * n) + " values, got " + data.length);
		for (int r = 0; r < n; r++) {
			System.arraycopy(data, 2 * r * n, line, 0, 2 * n);
			transform(line);
			System.arraycopy(line, 0, data, 2 * r * n, 2 * n);
		}
		for (int c = 0; c < n; c++) {
			for (int r = 0; r < n; r++) {
				line[2 * r] = data[2 * (r * n + c)];
				line[2 * r + 1] = data[2 * (r * n + c) + 1];
			}
			transform(line);
			for (int r = 0; r < n; r++) {
				data[2 * (r * n + c)] = line[2 * r];
				data[2 * (r * n + c) + 1] = line[2 * r + 1];
			}
		}
	}

	/** One length-n complex transform (iterative Cooley-Tukey, bit-reversed input order). */
	private void transform(double[] a) {
		for (int i = 0; i < n; i++) {
			int j = reversed[i];
			if (j > i) {
				double re = a[2 * i], im = a[2 * i + 1];
				a[2 * i] = a[2 * j];
				a[2 * i + 1] = a[2 * j + 1];
				a[2 * j] = re;
				a[2 * j + 1] = im;
			}
		}
		for (int len = 2; len <= n; len <<= 1) {
			int half = len / 2, step = n / len;
			for (int start = 0; start < n; start += len)
				for (int k = 0; k < half; k++) {
					int p = 2 * (start + k), q = 2 * (start + k + half);
					double wr = cos[k * step], wi = sin[k * step];
					double tr = wr * a[q] - wi * a[q + 1], ti = wr * a[q + 1] + wi * a[q];
					a[q] = a[p] - tr;
					a[q + 1] = a[p + 1] - ti;
					a[p] += tr;
					a[p + 1] += ti;
				}
		}
	}
}
