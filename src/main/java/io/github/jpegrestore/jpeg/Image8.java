package io.github.jpegrestore.jpeg;

import java.util.Arrays;

/**
 * An 8-bit image, gray (1 channel) or RGB (3 channels), pixels interleaved row by row. The core's
 * image type: no ImageJ, no AWT. Pixel values are unsigned (0..255) and read with {@link #get}.
 */
public final class Image8 {
	public final int width;
	public final int height;
	public final int channels;
	public final byte[] data;

	public Image8(int width, int height, int channels) {
		this(width, height, channels, new byte[checkedSize(width, height, channels)]);
	}

	public Image8(int width, int height, int channels, byte[] data) {
		if (channels != 1 && channels != 3) throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
		if (data.length != checkedSize(width, height, channels)) throw new IllegalArgumentException("data length does not match " + width + "x" + height + "x" + channels);
		this.width = width;
		this.height = height;
		this.channels = channels;
		this.data = data;
	}

	private static int checkedSize(int w, int h, int c) {
		if (w <= 0 || h <= 0) throw new IllegalArgumentException("image size must be positive, got " + w + "x" + h);
		long n = (long) w * h * c;
		if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("image too large: " + w + "x" + h);
		return (int) n;
	}

	public boolean isGray() {
		return channels == 1;
	}

	public int get(int x, int y, int c) {
		return data[(y * width + x) * channels + c] & 0xff;
	}

	public void set(int x, int y, int c, int v) {
		data[(y * width + x) * channels + c] = (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
	}

	/** One channel as doubles, row-major. */
	public double[] plane(int c) {
		double[] p = new double[width * height];
		for (int i = 0, j = c; i < p.length; i++, j += channels) p[i] = data[j] & 0xff;
		return p;
	}

	/** A network output value clipped to [0, 1]: outputs are not clipped by the networks; the pipeline clips each plane, as training's evaluation does. */
	public static float clip01(float v) {
		return v < 0 ? 0 : v > 1 ? 1 : v;
	}

	public static int clamp255(double v) {
		long r = Math.round(v);
		return (int) (r < 0 ? 0 : r > 255 ? 255 : r);
	}

	/** The sub-image starting at (x0, y0). */
	public Image8 crop(int x0, int y0, int w, int h) {
		if (x0 < 0 || y0 < 0 || x0 + w > width || y0 + h > height) throw new IllegalArgumentException("crop outside the image");
		Image8 out = new Image8(w, h, channels);
		for (int y = 0; y < h; y++)
			System.arraycopy(data, ((y0 + y) * width + x0) * channels, out.data, y * w * channels, w * channels);
		return out;
	}

	public Image8 copy() {
		return new Image8(width, height, channels, data.clone());
	}

	public boolean sameSize(Image8 o) {
		return width == o.width && height == o.height && channels == o.channels;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof Image8 && sameSize((Image8) o) && Arrays.equals(data, ((Image8) o).data);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(data);
	}

	@Override
	public String toString() {
		return width + "x" + height + (channels == 1 ? " gray" : " RGB");
	}
}
