package io.github.jpegrestore.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import io.github.jpegrestore.metrics.Metrics;
import io.github.jpegrestore.metrics.SsimWindow;

/**
 * Patch frequency and detail-density analysis (Zini et al. section V-C): non-overlapping 64x64
 * patches on the block grid (whole patches only), each scored by
 * <ul>
 * <li><b>frequency</b>: the average radial frequency of its spectrum, weighted by magnitude:
 * sum r(u,v) |F(u,v)| / sum |F(u,v)| over all (u,v) but DC, with F the 2D DFT ({@link Fft2d}) of the
 * mean-free patch under a Hann window (so the patch border adds no false high frequencies) and r the
 * radial frequency normalised to 1 at the highest diagonal frequency (0.5 cycles/pixel on each axis);</li>
 * <li><b>detail density</b>: the share of pixels on Canny edges ({@link Canny}; Gaussian blur radius 2,
 * hysteresis thresholds 10 and 30 on the gradient magnitude of the 8-bit image, fixed so that
 * patches of different images are comparable), computed once on the whole image.</li>
 * </ul>
 * Each measure is split into five classes of equal counts by rank (1 = lowest); ties in a measure
 * are broken by patch order (row by row), so class sizes differ by at most one.
 */
public final class PatchAnalysis {
	public static final int PATCH = 64, CLASSES = 5;
	public static final float CANNY_LOW = 10f, CANNY_HIGH = 30f;
	public static final int CANNY_BLUR = 2;

	/** One patch's scores (and, with a reference, its metrics). */
	public static final class Patch {
		public final int x, y;
		public final double frequency, detail;
		public int frequencyClass, detailClass;
		public double psnr = Double.NaN, ssim = Double.NaN, psnrb = Double.NaN;

		Patch(int x, int y, double frequency, double detail) {
			this.x = x;
			this.y = y;
			this.frequency = frequency;
			this.detail = detail;
		}
	}

	private PatchAnalysis() {}

	/**
	 * Scores the patches of a gray plane (0..255); with a reference plane, also each patch's PSNR,
	 * SSIM and PSNR-B of the test against it.
	 */
	public static List<Patch> analyse(double[] test, int w, int h, double[] reference) {
		if (w < PATCH || h < PATCH) throw new IllegalArgumentException("image " + w + "x" + h + " is smaller than one 64x64 patch");
		if (reference != null && reference.length != test.length) throw new IllegalArgumentException("reference and test differ in size");
		byte[] edges = canny(test, w, h);
		double[] window = hann(PATCH);
		Fft2d fft = new Fft2d(PATCH);
		List<Patch> out = new ArrayList<>();
		double[] buf = new double[2 * PATCH * PATCH];
		double[] tp = new double[PATCH * PATCH], rp = new double[PATCH * PATCH];
		for (int py = 0; py + PATCH <= h; py += PATCH)
			for (int px = 0; px + PATCH <= w; px += PATCH) {
				int edge = 0;
				for (int y = 0; y < PATCH; y++)
					for (int x = 0; x < PATCH; x++) {
						tp[y * PATCH + x] = test[(py + y) * w + px + x];
						if (reference != null) rp[y * PATCH + x] = reference[(py + y) * w + px + x];
						if (edges[(py + y) * w + px + x] != 0) edge++;
					}
				Patch p = new Patch(px, py, frequency(tp, window, fft, buf), edge / (double) (PATCH * PATCH));
				if (reference != null) {
					p.psnr = Metrics.psnr(rp, tp);
					p.ssim = Metrics.ssim(rp, tp, PATCH, PATCH, SsimWindow.GAUSSIAN);
					double mse = Metrics.mse(rp, tp), bef = Metrics.bef(tp, PATCH, PATCH);
					p.psnrb = mse + bef == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / (mse + bef));
				}
				out.add(p);
			}
		assignClasses(out);
		return out;
	}

	/** Equal-count classes by rank; ties broken by patch order. */
	static void assignClasses(List<Patch> patches) {
		int n = patches.size();
		Integer[] byF = new Integer[n], byD = new Integer[n];
		for (int i = 0; i < n; i++) byF[i] = byD[i] = i;
		Arrays.sort(byF, Comparator.<Integer>comparingDouble(i -> patches.get(i).frequency).thenComparingInt(i -> i));
		Arrays.sort(byD, Comparator.<Integer>comparingDouble(i -> patches.get(i).detail).thenComparingInt(i -> i));
		for (int r = 0; r < n; r++) {
			patches.get(byF[r]).frequencyClass = classOfRank(r, n);
			patches.get(byD[r]).detailClass = classOfRank(r, n);
		}
	}

	public static int classOfRank(int rank, int n) {
		return 1 + (int) ((long) rank * CLASSES / n);
	}

	static double[] hann(int n) {
		double[] w = new double[n];
		for (int i = 0; i < n; i++) w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / n);
		return w;
	}

	/** Magnitude-weighted mean radial frequency of a PATCH x PATCH block, in [0, 1]. */
	static double frequency(double[] p, double[] window, Fft2d fft, double[] buf) {
		int n = PATCH;
		double mean = 0;
		for (double v : p) mean += v;
		mean /= p.length;
		Arrays.fill(buf, 0);
		for (int y = 0; y < n; y++)
			for (int x = 0; x < n; x++) buf[2 * (y * n + x)] = (p[y * n + x] - mean) * window[y] * window[x];
		fft.forward(buf);
		double num = 0, den = 0, rmax = Math.sqrt(0.5);
		for (int v = 0; v < n; v++)
			for (int u = 0; u < n; u++) {
				if (u == 0 && v == 0) continue;
				double re = buf[2 * (v * n + u)], im = buf[2 * (v * n + u) + 1];
				double mag = Math.hypot(re, im);
				double fu = Math.min(u, n - u) / (double) n, fv = Math.min(v, n - v) / (double) n;
				num += Math.hypot(fu, fv) / rmax * mag;
				den += mag;
			}
		return den == 0 ? 0 : num / den;
	}

	/** Canny edge map (1 = edge) of the whole plane, with the suite's fixed blur and thresholds. */
	public static byte[] canny(double[] plane, int w, int h) {
		return Canny.edges(plane, w, h, CANNY_BLUR, CANNY_LOW, CANNY_HIGH);
	}

	/** Mean PSNR, SSIM, PSNR-B per class: [class 1..5][psnr, ssim, psnrb, count]. */
	public static double[][] classMeans(List<Patch> patches, boolean byFrequency) {
		double[][] m = new double[CLASSES + 1][4];
		for (Patch p : patches) {
			int c = byFrequency ? p.frequencyClass : p.detailClass;
			m[c][0] += p.psnr;
			m[c][1] += p.ssim;
			m[c][2] += p.psnrb;
			m[c][3]++;
		}
		for (int c = 1; c <= CLASSES; c++)
			for (int k = 0; k < 3; k++) m[c][k] = m[c][3] == 0 ? Double.NaN : m[c][k] / m[c][3];
		return m;
	}
}
