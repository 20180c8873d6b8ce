package io.github.jpegrestore.restore;

import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.JpegInfo;

/**
 * What a restorer restores: the decoded pixels (8-bit gray or RGB) and, when they came from a JPEG
 * file, its headers (quantization tables, grid) and bytes (for restorers that work on the file).
 */
public final class Input {
	public final Image8 image;
	/** The JPEG file's headers, or null when the image did not come from one. */
	public final JpegInfo jpeg;
	/** The JPEG file's bytes, or null. */
	public final byte[] file;

	public Input(Image8 image, JpegInfo jpeg, byte[] file) {
		if (image == null) throw new IllegalArgumentException("no image");
		this.image = image;
		this.jpeg = jpeg;
		this.file = file;
	}

	/** Pixels with no JPEG file behind them (a PNG, a TIFF, an ImageJ image). */
	public static Input pixels(Image8 image) {
		return new Input(image, null, null);
	}

	/** A JPEG file, decoded by the suite's codec. */
	public static Input jpegFile(byte[] jpeg) {
		return new Input(JpegCodec.decode(jpeg), JpegInfo.parse(jpeg), jpeg);
	}
}
