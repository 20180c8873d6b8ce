package io.github.jpegrestore.restore;

import java.util.function.IntSupplier;

import io.github.jpegrestore.analysis.QfEstimator;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.JpegInfo;
import io.github.jpegrestore.jpeg.QuantTables;

/**
 * Which QF a restorer is given: {@code file} (the JPEG file's luma DQT table: exact IJG QF, or the
 * equivalent QF of a foreign table), a fixed number, {@code predicted} (the blind model's
 * prediction from the pixels, one QF for the whole image), or {@code auto}: for an image from a
 * JPEG file the file's QF, unless the pixels also carry an earlier, stronger compression on a
 * shifted grid (non-aligned double JPEG, found by the 64-origin scan of {@link QfEstimator}); then
 * that dominant QF, as FBCNN-D does. For an image without a JPEG file: the blind model's
 * prediction when the model has one, else the classical estimate from the pixels.
 */
public final class QfChoice {
	public enum Mode { AUTO, FILE, FIXED, PREDICTED }

	public final Mode mode;
	public final int fixed;

	private QfChoice(Mode mode, int fixed) {
		this.mode = mode;
		this.fixed = fixed;
	}

	public static final QfChoice AUTO = new QfChoice(Mode.AUTO, 0), FILE = new QfChoice(Mode.FILE, 0),
		PREDICTED = new QfChoice(Mode.PREDICTED, 0);

	public static QfChoice parse(String s) {
		String t = s.trim().toLowerCase(java.util.Locale.ROOT);
		if (t.equals("auto")) return AUTO;
		if (t.equals("file")) return FILE;
		if (t.equals("predicted")) return PREDICTED;
		try {
			int q = Integer.parseInt(t);
			QuantTables.checkQuality(q);
			return new QfChoice(Mode.FIXED, q);
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("qf must be auto, file, predicted or a number 1..100, got '" + s + "'");
		}
	}

	/** The resolved QF and where it came from ("file", "dominant", "predicted", "estimated", "given"). */
	public static final class Resolved {
		public final int qf;
		public final String source;
		/** The file's luma table when known (for the quantization constraint), else null. */
		public final int[] lumaTable;

		Resolved(int qf, String source, int[] lumaTable) {
			this.qf = qf;
			this.source = source;
			this.lumaTable = lumaTable;
		}
	}

	/** @param jpeg the headers of the file the image was read from, or null if it did not come from a JPEG */
	public Resolved resolve(JpegInfo jpeg, Image8 plane) {
		return resolve(jpeg, plane, null);
	}

	/**
	 * @param jpeg the headers of the file the image was read from, or null if it did not come from a JPEG
	 * @param predictor the blind model's whole-image prediction, or null when the model has none
	 */
	public Resolved resolve(JpegInfo jpeg, Image8 plane, IntSupplier predictor) {
		int[] table = jpeg == null ? null : jpeg.tableOf(0);
		switch (mode) {
			case FIXED:
				return new Resolved(fixed, "given", table);
			case FILE:
				if (jpeg == null) throw new IllegalArgumentException("qf=file needs an image opened from a JPEG file; use qf=auto or a number");
				return new Resolved(jpeg.lumaQuality().qf, "file", table);
			case PREDICTED:
				if (predictor == null) throw new IllegalArgumentException("qf=predicted needs a blind model (model blind); this model takes the QF it is given");
				return new Resolved(predictor.getAsInt(), "predicted", table);
			default:
				if (jpeg != null) {
					int last = jpeg.lumaQuality().qf, q = dominant(plane, last);
					return new Resolved(q, q < last ? "dominant" : "file", table);
				}
				if (predictor != null) return new Resolved(predictor.getAsInt(), "predicted", null);
				return new Resolved(QfEstimator.estimate(plane).qf, "estimated", null);
		}
	}

	/** Largest side of the centre crop the double-JPEG check looks at. */
	static final int SCAN_SIDE = 1024;

	/**
	 * The QF of an earlier compression stronger than {@code last} on a shifted grid when the decoded
	 * pixels show one (non-aligned double JPEG), else {@code last}. Looks at an 8-aligned centre
	 * crop, so the cost does not grow with the image.
	 */
	static int dominant(Image8 img, int last) {
		int w = Math.min(img.width, SCAN_SIDE), h = Math.min(img.height, SCAN_SIDE);
		int x = (img.width - w) / 2 / 8 * 8, y = (img.height - h) / 2 / 8 * 8;
		int first = QfEstimator.strongerShiftedCompression(w == img.width && h == img.height ? img : img.crop(x, y, w, h), last);
		return first > 0 ? first : last;
	}

	@Override
	public String toString() {
		return mode == Mode.FIXED ? Integer.toString(fixed) : mode.name().toLowerCase(java.util.Locale.ROOT);
	}
}
