package io.github.jpegrestore.jpeg;

import io.github.jpegrestore.JpegRestoreException;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;

/** Between {@link Image8} and AWT images (ImageIO's currency). */
public final class ImageConvert {
	private ImageConvert() {}

	public static BufferedImage toBuffered(Image8 img) {
		if (img.channels == 1) {
			BufferedImage bi = new BufferedImage(img.width, img.height, BufferedImage.TYPE_BYTE_GRAY);
			byte[] d = ((DataBufferByte) bi.getRaster().getDataBuffer()).getData();
			System.arraycopy(img.data, 0, d, 0, d.length);
			return bi;
		}
		BufferedImage bi = new BufferedImage(img.width, img.height, BufferedImage.TYPE_3BYTE_BGR);
		byte[] d = ((DataBufferByte) bi.getRaster().getDataBuffer()).getData();
		for (int i = 0; i < img.width * img.height; i++) {
			d[3 * i] = img.data[3 * i + 2];
			d[3 * i + 1] = img.data[3 * i + 1];
			d[3 * i + 2] = img.data[3 * i];
		}
		return bi;
	}

	/**
	 * An 8-bit image from an AWT image: gray stays gray, anything with colour becomes RGB (alpha
	 * dropped). Images with more than 8 bits per sample are refused.
	 */
	public static Image8 fromBuffered(BufferedImage bi) {
		int bits = bi.getColorModel().getComponentSize(0);
		int type = bi.getType();
		Raster r = bi.getRaster();
		if (bits > 8) throw new JpegRestoreException(bits + "-bit image: 8-bit gray or RGB expected (convert it to 8 bit first)");
		int w = bi.getWidth(), h = bi.getHeight();
		int bands = r.getNumBands();
		boolean indexed = type == BufferedImage.TYPE_BYTE_BINARY || type == BufferedImage.TYPE_BYTE_INDEXED
			|| bi.getColorModel() instanceof java.awt.image.IndexColorModel;
		// gray with alpha (a PNG's gray+alpha): its gray band, alpha dropped; gray in, gray out
		boolean grayAlpha = !indexed && bands == 2 && bi.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY;
		if (!indexed && (bands == 1 || grayAlpha)) {
			Image8 out = new Image8(w, h, 1);
			int[] row = new int[w];
			for (int y = 0; y < h; y++) {
				r.getSamples(0, y, w, 1, 0, row);
				for (int x = 0; x < w; x++) out.data[y * w + x] = (byte) row[x];
			}
			return out;
		}
		if (indexed) {
			java.awt.image.IndexColorModel cm = (java.awt.image.IndexColorModel) bi.getColorModel();
			boolean gray = true;
			for (int i = 0; i < cm.getMapSize() && gray; i++)
				gray = cm.getRed(i) == cm.getGreen(i) && cm.getGreen(i) == cm.getBlue(i);
			if (gray) {
				Image8 out = new Image8(w, h, 1);
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) out.data[y * w + x] = (byte) cm.getRed(r.getSample(x, y, 0));
				return out;
			}
		}
		Image8 out = new Image8(w, h, 3);
		int[] argb = bi.getRGB(0, 0, w, h, null, 0, w);
		for (int i = 0; i < argb.length; i++) {
			out.data[3 * i] = (byte) (argb[i] >> 16);
			out.data[3 * i + 1] = (byte) (argb[i] >> 8);
			out.data[3 * i + 2] = (byte) argb[i];
		}
		return out;
	}
}
