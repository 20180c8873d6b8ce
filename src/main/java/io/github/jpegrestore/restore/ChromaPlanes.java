package io.github.jpegrestore.restore;

import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.YCbCr;

/**
 * The color network's tensor convention, stated once for the restorer ({@link ColorRestorer}) and
 * for fine-tuning: its input channels are [restored Y, decoded Cb, decoded Cr], each / 255 (JFIF
 * full-range Cb/Cr of the decoded RGB pixel, unrounded), its output [Cb, Cr] / 255, and the restored
 * RGB pixel is the restored Y with that Cb, Cr, each clipped to [0, 1] first.
 */
public final class ChromaPlanes {
	private ChromaPlanes() {}

	/** Input channel {@code c} (1 = Cb, 2 = Cr) of pixel {@code p} of an interleaved RGB image, / 255. */
	public static float chroma01(byte[] rgb, int p, int c) {
		int i = 3 * p, r = rgb[i] & 0xff, g = rgb[i + 1] & 0xff, b = rgb[i + 2] & 0xff;
		return (float) ((c == 1 ? YCbCr.cb(r, g, b) : YCbCr.cr(r, g, b)) / 255.0);
	}

	/** The RGB pixel of restored Y, Cb, Cr (each / 255, clipped here), rounded and clipped, at rgb[at..at+2]. */
	public static void toRgb(float y01, float cb01, float cr01, byte[] rgb, int at) {
		YCbCr.toRgb(Image8.clip01(y01) * 255.0, Image8.clip01(cb01) * 255.0, Image8.clip01(cr01) * 255.0, rgb, at);
	}
}
