package io.github.jpegrestore.jpeg;

/**
 * The 8x8 DCT-II of JPEG, orthonormal scaling as in the spec:
 * F(u,v) = 1/4 C(u) C(v) sum f(x,y) cos((2x+1)u pi/16) cos((2y+1)v pi/16), C(0) = 1/sqrt 2.
 * Blocks are 64 doubles, row-major (index = 8 * y + x, coefficient index = 8 * v + u).
 * Forward input is the level-shifted sample (pixel - 128) when used as JPEG does.
 */
public final class Dct {
	private Dct() {}

	private static final double[][] C = new double[8][8];

	static {
		for (int u = 0; u < 8; u++) {
			double cu = u == 0 ? Math.sqrt(0.5) : 1.0;
			for (int x = 0; x < 8; x++) C[u][x] = 0.5 * cu * Math.cos((2 * x + 1) * u * Math.PI / 16);
		}
	}

	public static void forward(double[] in, double[] out) {
		double[] tmp = new double[64];
		for (int y = 0; y < 8; y++)
			for (int u = 0; u < 8; u++) {
				double s = 0;
				for (int x = 0; x < 8; x++) s += C[u][x] * in[8 * y + x];
				tmp[8 * y + u] = s;
			}
		for (int u = 0; u < 8; u++)
			for (int v = 0; v < 8; v++) {
				double s = 0;
				for (int y = 0; y < 8; y++) s += C[v][y] * tmp[8 * y + u];
				out[8 * v + u] = s;
			}
	}

	public static void inverse(double[] in, double[] out) {
		double[] tmp = new double[64];
		for (int v = 0; v < 8; v++)
			for (int x = 0; x < 8; x++) {
				double s = 0;
				for (int u = 0; u < 8; u++) s += C[u][x] * in[8 * v + u];
				tmp[8 * v + x] = s;
			}
		for (int x = 0; x < 8; x++)
			for (int y = 0; y < 8; y++) {
				double s = 0;
				for (int v = 0; v < 8; v++) s += C[v][y] * tmp[8 * v + x];
				out[8 * y + x] = s;
			}
	}
}
