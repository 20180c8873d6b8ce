package io.github.jpegrestore.analysis;

/**
 * Canny edges of a gray plane (0..255), fixed thresholds so that maps of different images compare:
 * <ol>
 * <li>Gaussian blur, sigma = (2r + 1) / 5 for radius r (kernel -r..r), separable, the kernel
 * renormalised where it leaves the image;</li>
 * <li>gradient by central differences (f(x+1) - f(x-1)) / 2, the border pixel repeated outside; magnitude |dx| + |dy|;</li>
 * <li>non-maximum suppression across the edge: the gradient direction rounded to one of four
 * (0, 45, 90, 135 degrees), a pixel kept unless a neighbour along it is stronger;</li>
 * <li>hysteresis: edges start at pixels with magnitude at least {@code high} and grow through
 * 8-connected pixels with magnitude at least {@code low}.</li>
 * </ol>
 * The conventions are BoofCV's {@code FactoryEdgeDetectors.canny} (no dynamic threshold), which
 * the suite used before; a test compares the two maps.
 */
public final class Canny {
	private Canny() {}

	/** Edge map (1 = edge) of a w x h plane. */
	public static byte[] edges(double[] plane, int w, int h, int blurRadius, double low, double high) {
		return hysteresis(thinned(plane, w, h, blurRadius), w, h, low, high);
	}

	/** Steps 1-3: the gradient magnitude where it is a maximum across the edge, else 0. */
	static float[] thinned(double[] plane, int w, int h, int blurRadius) {
		if (plane.length != w * h) throw new IllegalArgumentException("plane has " + plane.length + " values for " + w + "x" + h);
		float[] blurred = blur(plane, w, h, blurRadius);
		float[] mag = new float[w * h];
		byte[] dir = new byte[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				float dx = (blurred[y * w + Math.min(x + 1, w - 1)] - blurred[y * w + Math.max(x - 1, 0)]) * 0.5f;
				float dy = (blurred[Math.min(y + 1, h - 1) * w + x] - blurred[Math.max(y - 1, 0) * w + x]) * 0.5f;
				mag[y * w + x] = Math.abs(dx) + Math.abs(dy);
				dir[y * w + x] = direction4(dx, dy);
			}
		float[] thin = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int ox, oy;
				switch (dir[y * w + x]) {
					case 0: ox = 1; oy = 0; break;
					case 1: ox = 1; oy = 1; break;
					case 2: ox = 0; oy = 1; break;
					default: ox = 1; oy = -1; break;
				}
				float m = mag[y * w + x];
				float a = at(mag, w, h, x + ox, y + oy), b = at(mag, w, h, x - ox, y - oy);
				thin[y * w + x] = m < a || m < b ? 0 : m;
			}
		return thin;
	}

	/** Step 4: 8-connected growth from pixels of at least {@code high} through pixels of at least {@code low}. */
	static byte[] hysteresis(float[] thin, int w, int h, double low, double high) {
		byte[] out = new byte[w * h];
		int[] stack = new int[w * h];
		for (int i = 0; i < w * h; i++) {
			if (out[i] != 0 || thin[i] < high) continue;
			int top = 0;
			stack[top++] = i;
			out[i] = 1;
			while (top > 0) {
				int p = stack[--top], px = p % w, py = p / w;
				for (int ny = Math.max(py - 1, 0); ny <= Math.min(py + 1, h - 1); ny++)
					for (int nx = Math.max(px - 1, 0); nx <= Math.min(px + 1, w - 1); nx++) {
						int q = ny * w + nx;
						if (out[q] == 0 && thin[q] >= low && thin[q] > 0) {
							out[q] = 1;
							stack[top++] = q;
						}
					}
			}
		}
		return out;
	}

	private static float at(float[] a, int w, int h, int x, int y) {
		return a[Math.min(Math.max(y, 0), h - 1) * w + Math.min(Math.max(x, 0), w - 1)];
	}

	/** The gradient direction rounded to 0 (horizontal), 1 (45 degrees, y down), 2 (vertical), 3 (135 degrees). */
	static byte direction4(float dx, float dy) {
		double angle = Math.atan((double) dy / dx); // -pi/2 .. pi/2; 0/0 is NaN: direction 0
		long d = Double.isNaN(angle) ? 0 : Math.round(angle / (Math.PI / 4));
		if (d == 2 || d == -2) return 2;
		return d == -1 ? 3 : (byte) d;
	}

	static float[] blur(double[] plane, int w, int h, int r) {
		double sigma = (2 * r + 1) / 5.0;
		float[] k = new float[2 * r + 1];
		float sum = 0;
		for (int i = -r; i <= r; i++) sum += k[i + r] = (float) Math.exp(-i * i / (2 * sigma * sigma));
		for (int i = 0; i < k.length; i++) k[i] /= sum;
		float[] in = new float[w * h], tmp = new float[w * h], out = new float[w * h];
		for (int i = 0; i < in.length; i++) in[i] = (float) plane[i];
		convolve(in, tmp, w, h, k, 1, w);
		convolve(tmp, out, w, h, k, w, 1);
		return out;
	}

	/** One pass of a normalised kernel along {@code step} (1: rows, w: columns), renormalised where it leaves the image. */
	private static void convolve(float[] in, float[] out, int w, int h, float[] k, int step, int across) {
		int r = k.length / 2, len = step == 1 ? w : h, lines = step == 1 ? h : w;
		for (int line = 0; line < lines; line++)
			for (int i = 0; i < len; i++) {
				int base = line * across;
				float s = 0, n = 0;
				boolean inside = i >= r && i < len - r;
				for (int j = -r; j <= r; j++) {
					int t = i + j;
					if (t < 0 || t >= len) continue;
					s += k[j + r] * in[base + t * step];
					n += k[j + r];
				}
				out[base + i * step] = inside ? s : s / n;
			}
	}
}
