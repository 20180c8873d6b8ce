package io.github.jpegrestore.metrics;

import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.YCbCr;

/**
 * PSNR, SSIM and PSNR-B with the definitions of docs/architecture.md (the field's reference
 * implementation): PSNR over all pixels and channels, no border crop; SSIM with "valid" window
 * positions only, mean over positions, channels averaged; PSNR-B (Yim and Bovik 2011) with the
 * blocking effect factor measured on the test image.
 */
public final class Metrics {
	private Metrics() {}

	/** The three numbers for one image pair. */
	public static final class Result {
		public final double psnr, ssim, psnrb;

		public Result(double psnr, double ssim, double psnrb) {
			this.psnr = psnr;
			this.ssim = ssim;
			this.psnrb = psnrb;
		}

		/** The stable machine-readable line of the command line. */
		public String line() {
			return String.format(java.util.Locale.ROOT, "psnr=%.4f ssim=%.4f psnrb=%.4f", psnr, ssim, psnrb);
		}

		@Override
		public String toString() {
			return line();
		}
	}

	/** Planes to compare under a Y convention: one Y plane, or every channel. */
	public static double[][] planes(Image8 im, YMode mode) {
		if (mode == YMode.NONE || (im.channels == 1 && mode == YMode.FULL)) {
			double[][] p = new double[im.channels][];
			for (int c = 0; c < im.channels; c++) p[c] = im.plane(c);
			return p;
		}
		return new double[][] { YCbCr.luma(im, mode == YMode.STUDIO).plane(0) };
	}

	public static Result compute(Image8 ref, Image8 test, YMode mode, SsimWindow window) {
		checkPair(ref, test, window);
		double[][] r = planes(ref, mode), t = planes(test, mode);
		int w = ref.width, h = ref.height;
		double mse = 0, bef = 0, ssim = 0;
		for (int c = 0; c < r.length; c++) {
			mse += mse(r[c], t[c]);
			bef += bef(t[c], w, h);
			ssim += ssim(r[c], t[c], w, h, window);
		}
		int n = r.length;
		return new Result(toDb(mse / n), ssim / n, toDb(mse / n + bef / n));
	}

	public static void checkPair(Image8 ref, Image8 test, SsimWindow window) {
		if (ref.width != test.width || ref.height != test.height)
			throw new IllegalArgumentException("images differ in size: " + ref.width + "x" + ref.height + " vs " + test.width + "x" + test.height);
		if (ref.channels != test.channels)
			throw new IllegalArgumentException("images differ in type: " + ref + " vs " + test);
		if (window != null && Math.min(ref.width, ref.height) < window.size())
			throw new IllegalArgumentException("image " + ref.width + "x" + ref.height + " is smaller than the " + window.size() + "x" + window.size() + " SSIM window");
	}

	static double toDb(double mse) {
		return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
	}

	public static double mse(double[] a, double[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++) {
			double d = a[i] - b[i];
			s += d * d;
		}
		return s / a.length;
	}

	public static double psnr(double[] a, double[] b) {
		return toDb(mse(a, b));
	}

	/** Separable correlation with kernel k at "valid" positions: result (w-k+1) x (h-k+1). */
	static double[] validFilter(double[] a, int w, int h, double[] k) {
		int n = k.length, ow = w - n + 1, oh = h - n + 1;
		double[] tmp = new double[ow * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < ow; x++) {
				double s = 0;
				int base = y * w + x;
				for (int i = 0; i < n; i++) s += k[i] * a[base + i];
				tmp[y * ow + x] = s;
			}
		double[] out = new double[ow * oh];
		for (int y = 0; y < oh; y++)
			for (int x = 0; x < ow; x++) {
				double s = 0;
				for (int i = 0; i < n; i++) s += k[i] * tmp[(y + i) * ow + x];
				out[y * ow + x] = s;
			}
		return out;
	}

	public static double ssim(double[] x, double[] y, int w, int h, SsimWindow window) {
		double[] k = window.kernel();
		double c1 = Math.pow(0.01 * 255, 2), c2 = Math.pow(0.03 * 255, 2);
		double[] xx = new double[x.length], yy = new double[x.length], xy = new double[x.length];
		for (int i = 0; i < x.length; i++) {
			xx[i] = x[i] * x[i];
			yy[i] = y[i] * y[i];
			xy[i] = x[i] * y[i];
		}
		double[] mx = validFilter(x, w, h, k), my = validFilter(y, w, h, k);
		double[] sxx = validFilter(xx, w, h, k), syy = validFilter(yy, w, h, k), sxy = validFilter(xy, w, h, k);
		double sum = 0;
		for (int i = 0; i < mx.length; i++) {
			double a = mx[i], b = my[i];
			double vx = sxx[i] - a * a, vy = syy[i] - b * b, cv = sxy[i] - a * b;
			sum += ((2 * a * b + c1) * (2 * cv + c2)) / ((a * a + b * b + c1) * (vx + vy + c2));
		}
		return sum / mx.length;
	}

	/**
	 * Blocking effect factor (B = 8) of image y: squared differences across block boundaries
	 * (columns/rows c = 7 mod 8 against c + 1) against those between other neighbours.
	 */
	public static double bef(double[] y, int w, int h) {
		double db = 0, dbc = 0;
		for (int r = 0; r < h; r++)
			for (int c = 0; c < w - 1; c++) {
				double d = y[r * w + c] - y[r * w + c + 1];
				if (c % 8 == 7) db += d * d;
				else dbc += d * d;
			}
		for (int r = 0; r < h - 1; r++)
			for (int c = 0; c < w; c++) {
				double d = y[r * w + c] - y[(r + 1) * w + c];
				if (r % 8 == 7) db += d * d;
				else dbc += d * d;
			}
		double nHB = h * (w / 8.0 - 1), nVB = w * (h / 8.0 - 1); // real division, as FBCNN's compute_bef
		double nHBc = (double) h * (w - 1) - nHB, nVBc = (double) w * (h - 1) - nVB;
		double dB = (nHB + nVB) > 0 ? db / (nHB + nVB) : 0;
		double dBc = (nHBc + nVBc) > 0 ? dbc / (nHBc + nVBc) : 0;
		double eta = dB > dBc ? Math.log(8) / Math.log(Math.min(h, w)) : 0;
		return eta * (dB - dBc);
	}
}
