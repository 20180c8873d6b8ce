package io.github.jpegrestore.jpeg;

/** JFIF full-range YCbCr (what JPEG stores), and MATLAB's "studio" Y for comparability with published tables. */
public final class YCbCr {
	private YCbCr() {}

	public static double y(int r, int g, int b) {
		return 0.299 * r + 0.587 * g + 0.114 * b;
	}

	public static double cb(int r, int g, int b) {
		return -0.168735892 * r - 0.331264108 * g + 0.5 * b + 128;
	}

	public static double cr(int r, int g, int b) {
		return 0.5 * r - 0.418687589 * g - 0.081312411 * b + 128;
	}

	/** MATLAB rgb2ycbcr Y: 16 + (65.481 R + 128.553 G + 24.966 B) / 255. */
	public static double studioY(int r, int g, int b) {
		return 16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255.0;
	}

	/** [Y, Cb, Cr] planes (unrounded) of an RGB image. */
	public static double[][] toPlanes(Image8 rgb) {
		if (rgb.channels != 3) throw new IllegalArgumentException("RGB image expected");
		int n = rgb.width * rgb.height;
		double[][] p = new double[3][n];
		for (int i = 0; i < n; i++) {
			int r = rgb.data[3 * i] & 0xff, g = rgb.data[3 * i + 1] & 0xff, b = rgb.data[3 * i + 2] & 0xff;
			p[0][i] = y(r, g, b);
			p[1][i] = cb(r, g, b);
			p[2][i] = cr(r, g, b);
		}
		return p;
	}

	/** RGB from Y, Cb, Cr planes, rounded and clipped. */
	public static Image8 fromPlanes(double[] y, double[] cb, double[] cr, int width, int height) {
		Image8 out = new Image8(width, height, 3);
		for (int i = 0; i < y.length; i++) toRgb(y[i], cb[i], cr[i], out.data, 3 * i);
		return out;
	}

	/** One pixel's RGB from Y, Cb, Cr, rounded and clipped, written at rgb[at..at+2]. */
	public static void toRgb(double y, double cb, double cr, byte[] rgb, int at) {
		double u = cb - 128, v = cr - 128;
		rgb[at] = (byte) Image8.clamp255(y + 1.402 * v);
		rgb[at + 1] = (byte) Image8.clamp255(y - 0.344136286 * u - 0.714136286 * v);
		rgb[at + 2] = (byte) Image8.clamp255(y + 1.772 * u);
	}

	/** Y of an image as a gray image (gray images unchanged), rounded; studio=true for MATLAB's Y. */
	public static Image8 luma(Image8 im, boolean studio) {
		Image8 out = new Image8(im.width, im.height, 1);
		int n = im.width * im.height;
		for (int i = 0; i < n; i++) {
			int r, g, b;
			if (im.channels == 1) r = g = b = im.data[i] & 0xff;
			else {
				r = im.data[3 * i] & 0xff;
				g = im.data[3 * i + 1] & 0xff;
				b = im.data[3 * i + 2] & 0xff;
			}
			if (im.channels == 1 && !studio) out.data[i] = im.data[i];
			else out.data[i] = (byte) Image8.clamp255(studio ? studioY(r, g, b) : y(r, g, b));
		}
		return out;
	}
}
