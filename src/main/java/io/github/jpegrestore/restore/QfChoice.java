package io.github.jpegrestore.restore;

import io.github.jpegrestore.analysis.QfEstimator;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.JpegInfo;
import io.github.jpegrestore.jpeg.QuantTables;

/**
 * Which QF a restorer is given: {@code file} (the JPEG file's luma DQT table: exact IJG QF, or the
 * equivalent QF of a foreign table), a fixed number, or {@code auto} (the file's when the image
 * came from a JPEG, else estimated from the pixels by {@link QfEstimator}).
 */
public final class QfChoice {
	public enum Mode { AUTO, FILE, FIXED }

	public final Mode mode;
	public final int fixed;

	private QfChoice(Mode mode, int fixed) {
		this.mode = mode;
		this.fixed = fixed;
	}

	public static final QfChoice AUTO = new QfChoice(Mode.AUTO, 0), FILE = new QfChoice(Mode.FILE, 0);

	public static QfChoice parse(String s) {
		String t = s.trim().toLowerCase(java.util.Locale.ROOT);
		if (t.equals("auto")) return AUTO;
		if (t.equals("file")) return FILE;
		try {
			int q = Integer.parseInt(t);
			QuantTables.checkQuality(q);
			return new QfChoice(Mode.FIXED, q);
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("qf must be auto, file or a number 1..100, got '" + s + "'");
		}
	}

	/** The resolved QF and where it came from ("file", "estimated", "given"). */
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
		int[] table = jpeg == null ? null : jpeg.tableOf(0);
		switch (mode) {
			case FIXED:
				return new Resolved(fixed, "given", table);
			case FILE:
				if (jpeg == null) throw new IllegalArgumentException("qf=file needs an image opened from a JPEG file; use qf=auto or a number");
				return new Resolved(jpeg.lumaQuality().qf, "file", table);
			default:
				if (jpeg != null) return new Resolved(jpeg.lumaQuality().qf, "file", table);
				return new Resolved(QfEstimator.estimate(plane).qf, "estimated", null);
		}
	}

	@Override
	public String toString() {
		return mode == Mode.FIXED ? Integer.toString(fixed) : mode.name().toLowerCase(java.util.Locale.ROOT);
	}
}
