package io.github.jpegrestore.restore;

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
 * <p>
 * With the QF comes the 8x8 grid the network restores on (its blocks are aligned to the network's
 * own): the grid of the compression that dominates. That is the file's grid, unless the dominant
 * QF came from an earlier compression on a shifted grid; for an image without its JPEG file it is
 * the grid on which the pixels show JPEG traces ({@link QfEstimator#locateGrid}: a JPEG cropped off
 * its grid and saved as PNG). {@code qf=file} keeps the file's grid. On Classic5 the luma model
 * gains 0.2-0.27 dB at QF 10-50 on a JPEG cropped by (3,5) and 0.09 dB on a (10,30) double JPEG
 * shifted by (4,4) from restoring on the found grid.
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

	/** The resolved QF and where it came from ("file", "dominant", "predicted", "estimated", "given"), and the grid. */
	public static final class Resolved {
		public final int qf;
		public final QfSource source;
		/** The file's luma table when known (for the quantization constraint), else null. */
		public final int[] lumaTable;
		/** Where the 8x8 blocks to restore on start (0..7 each): (0, 0) is the file's own grid. */
		public final int gridX, gridY;
		/** An estimate from pixels that show no JPEG quantization on any grid (never compressed, or above about QF 97). */
		public final boolean noTraces;

		Resolved(int qf, QfSource source, int[] lumaTable, Grid grid) {
			this(qf, source, lumaTable, grid, false);
		}

		Resolved(int qf, QfSource source, int[] lumaTable, Grid grid, boolean noTraces) {
			this.qf = qf;
			this.source = source;
			this.lumaTable = lumaTable;
			this.gridX = grid.x;
			this.gridY = grid.y;
			this.noTraces = noTraces;
		}

		/** The same QF restored on the image's own grid (the quantization constraint needs the file's). */
		Resolved onOwnGrid() {
			return new Resolved(qf, source, lumaTable, Grid.ORIGIN, noTraces);
		}

		/** For the log: "no JPEG traces found ..." or "restored on the 8x8 grid at (x, y)" when it is not the image's own, else "". */
		public String note() {
			if (noTraces) return "no JPEG traces found (never compressed, or above about QF 97): restored as QF " + qf + ", which changes little";
			return gridX == 0 && gridY == 0 ? "" : "restored on the 8x8 grid at (" + gridX + "," + gridY + ")";
		}
	}

	/** A grid origin. */
	public static final class Grid {
		public static final Grid ORIGIN = new Grid(0, 0);
		public final int x, y;

		Grid(int x, int y) {
			this.x = x;
			this.y = y;
		}
	}

	/** The blind model's whole-image QF prediction, made on the given grid. */
	public interface Predictor {
		int predict(Grid grid);
	}

	/** @param jpeg the headers of the file the image was read from, or null if it did not come from a JPEG */
	public Resolved resolve(JpegInfo jpeg, Image8 plane) {
		return resolve(jpeg, plane, null);
	}

	/** qf=file needs the image's JPEG file. */
	public void check(JpegInfo jpeg) {
		if (mode == Mode.FILE && jpeg == null)
			throw new io.github.jpegrestore.spec.SettingConflict("%1$s=file needs the image's JPEG file; this image was not opened from a JPEG file (or its size changed): use %1$s=auto or a number", io.github.jpegrestore.spec.Keys.QF);
	}

	/**
	 * @param jpeg the headers of the file the image was read from, or null if it did not come from a JPEG
	 * @param predictor the blind model's whole-image prediction, or null when the model has none
	 */
	public Resolved resolve(JpegInfo jpeg, Image8 plane, Predictor predictor) {
		check(jpeg);
		int[] table = jpeg == null ? null : jpeg.tableOf(0);
		if (mode == Mode.FILE) {
			return new Resolved(jpeg.lumaQuality().qf, QfSource.FILE, table, Grid.ORIGIN);
		}
		if (mode == Mode.PREDICTED && predictor == null)
			throw new IllegalArgumentException("qf=predicted needs a blind model (model blind); this model takes the QF it is given");
		// the grid (and, for qf=auto, the QF) of the compression that dominates
		QfEstimator.GridFit fit;
		Grid grid = Grid.ORIGIN;
		QfSource source;
		int qf;
		if (jpeg != null) {
			qf = jpeg.lumaQuality().qf;
			fit = scan(plane, img -> QfEstimator.strongerShiftedCompression(img, jpeg.lumaQuality().qf));
			source = QfSource.FILE;
			if (fit != null) {
				grid = new Grid(fit.dx, fit.dy);
				qf = fit.qf;
				source = QfSource.DOMINANT;
			}
		} else {
			fit = scan(plane, QfChoice::locateDominant);
			if (fit.compressed) grid = new Grid(fit.dx, fit.dy);
			qf = fit.qf;
			source = QfSource.ESTIMATED;
		}
		switch (mode) {
			case FIXED:
				return new Resolved(fixed, QfSource.GIVEN, table, grid);
			case PREDICTED:
				return new Resolved(predictor.predict(grid), QfSource.PREDICTED, table, grid);
			default:
				if (jpeg == null && predictor != null) return new Resolved(predictor.predict(grid), QfSource.PREDICTED, null, grid);
				return new Resolved(qf, source, table, grid, jpeg == null && !fit.compressed);
		}
	}

	/**
	 * For pixels without their JPEG file: the grid with the strongest JPEG traces
	 * ({@link QfEstimator#locateGrid}) and, when an earlier, stronger compression shows on another
	 * grid (a double JPEG saved as PNG), that one instead, found as for a file by looking at the
	 * image cropped so that the located grid starts at (0,0).
	 */
	static QfEstimator.GridFit locateDominant(Image8 img) {
		QfEstimator.GridFit last = QfEstimator.locateGrid(img);
		if (!last.compressed || img.width - last.dx < 8 || img.height - last.dy < 8) return last;
		QfEstimator.GridFit first = QfEstimator.strongerShiftedCompression(
			img.crop(last.dx, last.dy, img.width - last.dx, img.height - last.dy), last.qf);
		return first == null ? last : first.shifted(last.dx, last.dy);
	}

	/** Largest side of the centre crop the grid scans look at. */
	static final int SCAN_SIDE = 1024;

	/**
	 * A grid scan of an 8-aligned centre crop of at most {@value #SCAN_SIDE} squared (grid origins
	 * stay those of the image), so the cost does not grow with the image.
	 */
	static QfEstimator.GridFit scan(Image8 img, java.util.function.Function<Image8, QfEstimator.GridFit> scanner) {
		int w = Math.min(img.width, SCAN_SIDE), h = Math.min(img.height, SCAN_SIDE);
		int x = (img.width - w) / 2 / 8 * 8, y = (img.height - h) / 2 / 8 * 8;
		return scanner.apply(w == img.width && h == img.height ? img : img.crop(x, y, w, h));
	}

	@Override
	public String toString() {
		return mode == Mode.FIXED ? Integer.toString(fixed) : mode.name().toLowerCase(java.util.Locale.ROOT);
	}
}
