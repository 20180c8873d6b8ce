package io.github.jpegrestore.jpeg;

import io.github.jpegrestore.JpegRestoreException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.jpeg.JPEGQTable;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import org.w3c.dom.NodeList;

/**
 * Baseline JPEG with explicit IJG tables, through the JDK's JPEG codec (IJG libjpeg 6b inside):
 * integer DCT, libjpeg's RGB-YCbCr conversion, box downsampling and fancy upsampling, so decoded
 * pixels equal libjpeg(-turbo)'s for the same input and settings (the tests check this).
 * ImageIO's own quality parameter is never used: it misses the IJG tables for 35 QFs.
 */
public final class JpegCodec {
	private JpegCodec() {}

	private static final String NATIVE = "javax_imageio_jpeg_image_1.0";

	/** Compresses at IJG quality qf: gray as one component, RGB as JFIF YCbCr with the given subsampling. */
	public static byte[] compress(Image8 img, int qf, Subsampling sub) {
		return compress(img, QuantTables.forQuality(qf, false), QuantTables.forQuality(qf, true), sub);
	}

	/** Compresses with explicit tables (natural order). */
	public static byte[] compress(Image8 img, int[] lumaTable, int[] chromaTable, Subsampling sub) {
		BufferedImage bi = ImageConvert.toBuffered(img);
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		try {
			IIOMetadata meta = writer.getDefaultImageMetadata(new ImageTypeSpecifier(bi), null);
			IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(NATIVE);
			NodeList dq = root.getElementsByTagName("dqtable");
			for (int i = 0; i < dq.getLength(); i++) {
				IIOMetadataNode t = (IIOMetadataNode) dq.item(i);
				int id = Integer.parseInt(t.getAttribute("qtableId"));
				t.setAttribute("elementPrecision", "0");
				t.setUserObject(new JPEGQTable(id == 0 ? lumaTable : chromaTable));
			}
			NodeList comps = root.getElementsByTagName("componentSpec");
			for (int i = 0; i < comps.getLength(); i++) {
				IIOMetadataNode c = (IIOMetadataNode) comps.item(i);
				int hv = (i == 0 && comps.getLength() == 3) ? (sub == null ? 2 : sub.h) : 1;
				int vv = (i == 0 && comps.getLength() == 3) ? (sub == null ? 2 : sub.v) : 1;
				c.setAttribute("HsamplingFactor", Integer.toString(hv));
				c.setAttribute("VsamplingFactor", Integer.toString(vv));
			}
			meta.setFromTree(NATIVE, root);
			ByteArrayOutputStream bos = new ByteArrayOutputStream();
			try (ImageOutputStream out = ImageIO.createImageOutputStream(bos)) {
				writer.setOutput(out);
				writer.write(null, new IIOImage(bi, null, meta), null);
			}
			return bos.toByteArray();
		} catch (IIOInvalidTreeException e) {
			throw new IllegalStateException("JPEG metadata rejected: " + e.getMessage(), e);
		} catch (IOException e) {
			throw new IllegalStateException("JPEG encoding failed: " + e.getMessage(), e);
		} finally {
			writer.dispose();
		}
	}

	/** Decodes a baseline or progressive JPEG to gray or RGB; warnings (truncated data) are errors. */
	public static Image8 decode(byte[] jpeg) {
		if (!JpegInfo.isJpeg(jpeg)) throw new JpegRestoreException("not a JPEG file");
		JpegInfo.parse(jpeg).checkSupported();
		Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg");
		ImageReader reader = it.next();
		try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
			reader.setInput(in, true, true);
			final String[] warning = { null };
			reader.addIIOReadWarningListener((src, msg) -> {
				if (warning[0] == null) warning[0] = msg;
			});
			BufferedImage bi = reader.read(0);
			if (warning[0] != null) throw new JpegRestoreException("damaged JPEG: " + warning[0]);
			return ImageConvert.fromBuffered(bi);
		} catch (IOException | RuntimeException e) {
			if (e instanceof JpegRestoreException) throw (JpegRestoreException) e;
			throw new JpegRestoreException("cannot decode JPEG: " + oneLine(e), e);
		} finally {
			reader.dispose();
		}
	}

	/** Compress then decode. */
	public static Image8 roundTrip(Image8 img, int qf, Subsampling sub) {
		return decode(compress(img, qf, sub));
	}

	/**
	 * Double JPEG (FBCNN's degradation): QF1, remove the first dy rows and dx columns (0..7), then
	 * QF2. The result is (W - dx) x (H - dy); its 8x8 grid is shifted against the first one.
	 */
	public static byte[] compressDouble(Image8 img, int qf1, int qf2, int dx, int dy, Subsampling sub) {
		if (dx < 0 || dx > 7 || dy < 0 || dy > 7) throw new IllegalArgumentException("shift must be within 0..7, got " + dx + "," + dy);
		if (img.width - dx < 1 || img.height - dy < 1) throw new IllegalArgumentException("image too small for the shift");
		Image8 first = decode(compress(img, qf1, sub));
		return compress(first.crop(dx, dy, img.width - dx, img.height - dy), qf2, sub);
	}

	/** "DX,DY" with both in 0..7, as the command line and macros write a grid shift. */
	/**
	 * The rule of a double JPEG's settings, for every front end: a second compression at
	 * {@code thenQf} (0 = none, a single JPEG) after the image is shifted by {@code shift}; a shift
	 * without a second compression is refused.
	 */
	public static void checkDouble(int thenQf, int[] shift) {
		if (thenQf != 0) QuantTables.checkQuality(thenQf);
		else if (shift[0] != 0 || shift[1] != 0)
			throw new io.github.jpegrestore.spec.SettingConflict("%1$s needs %2$s (the second compression of a double JPEG)", io.github.jpegrestore.spec.Keys.SHIFT, io.github.jpegrestore.spec.Keys.THEN_QF);
	}

	public static int[] parseShift(String s) {
		String[] p = s.split(",");
		try {
			if (p.length != 2) throw new NumberFormatException();
			int dx = Integer.parseInt(p[0].trim()), dy = Integer.parseInt(p[1].trim());
			if (dx >= 0 && dx <= 7 && dy >= 0 && dy <= 7) return new int[] { dx, dy };
		} catch (NumberFormatException e) {
			// fall through to the message
		}
		throw new IllegalArgumentException("shift must be DX,DY with both in 0..7, got '" + s + "'");
	}

	/** The first line of an exception's message, or its class name when it has none. */
	static String oneLine(Throwable e) {
		String m = io.github.jpegrestore.JpegRestoreException.firstLine(e.getMessage());
		return m.isEmpty() ? e.getClass().getSimpleName() : m;
	}
}
