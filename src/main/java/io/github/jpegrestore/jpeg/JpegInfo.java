package io.github.jpegrestore.jpeg;

import io.github.jpegrestore.JpegRestoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a JPEG file's headers say: its quantization tables (DQT) and its components with their
 * sampling factors and table selectors (SOF). Read by walking the marker segments up to the first
 * SOS; the entropy-coded data is not touched.
 */
public final class JpegInfo {
	/** One component of the frame header. */
	public static final class Component {
		public final int id, h, v, tableId;

		Component(int id, int h, int v, int tableId) {
			this.id = id;
			this.h = h;
			this.v = v;
			this.tableId = tableId;
		}
	}

	public final int width, height, precision;
	public final boolean progressive;
	/** Quantization tables by id 0..3 (natural order), null where absent. */
	public final int[][] tables;
	public final List<Component> components;

	/**
	 * The EXIF orientation tag (1 = as stored, 2..8 = mirrored / rotated for display), 1 when absent.
	 * The suite restores and writes pixels as stored: the 8x8 grid is in stored orientation.
	 */
	public final int orientation;

	private JpegInfo(int width, int height, int precision, boolean progressive, int[][] tables, List<Component> components, int orientation) {
		this.orientation = orientation;
		this.width = width;
		this.height = height;
		this.precision = precision;
		this.progressive = progressive;
		this.tables = tables;
		this.components = Collections.unmodifiableList(components);
	}

	public static boolean isJpeg(byte[] b) {
		return b.length > 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF;
	}

	public static JpegInfo read(Path file) throws IOException {
		return parse(Files.readAllBytes(file));
	}

	/** Parses the headers; throws {@link JpegRestoreException} with a one-line reason when they are not JPEG. */
	public static JpegInfo parse(byte[] b) {
		if (!isJpeg(b)) throw new JpegRestoreException("not a JPEG file (no SOI marker)");
		int[][] tables = new int[4][];
		List<Component> comps = new ArrayList<>();
		int w = -1, h = -1, prec = 8, orientation = 1;
		boolean progressive = false, sawSof = false;
		int p = 2;
		while (p + 4 <= b.length) {
			if ((b[p] & 0xff) != 0xFF) throw new JpegRestoreException("corrupt JPEG header at byte " + p);
			int marker = b[p + 1] & 0xff;
			if (marker == 0xFF) {
				p++;
				continue;
			}
			if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
				p += 2;
				continue;
			}
			int len = ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
			int start = p + 4, end = p + 2 + len;
			if (len < 2 || end > b.length) throw new JpegRestoreException("truncated JPEG header");
			if (marker == 0xE1 && orientation == 1) orientation = exifOrientation(b, start, end);
			if (marker == 0xDB) {
				int q = start;
				while (q < end) {
					int pq = (b[q] >> 4) & 0x0f, tq = b[q] & 0x0f;
					q++;
					if (tq > 3) throw new JpegRestoreException("bad quantization table id " + tq);
					if (q + (pq == 0 ? 64 : 128) > end) throw new JpegRestoreException("truncated quantization table");
					int[] zz = new int[64];
					for (int k = 0; k < 64; k++) {
						if (pq == 0) zz[k] = b[q++] & 0xff;
						else {
							zz[k] = ((b[q] & 0xff) << 8) | (b[q + 1] & 0xff);
							q += 2;
						}
					}
					if (q > end) throw new JpegRestoreException("truncated quantization table");
					tables[tq] = Zigzag.toNatural(zz);
				}
			} else if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
				if (len < 8 || start + 6 + 3 * (b[start + 5] & 0xff) > end) throw new JpegRestoreException("truncated JPEG frame header");
				prec = b[start] & 0xff;
				h = ((b[start + 1] & 0xff) << 8) | (b[start + 2] & 0xff);
				w = ((b[start + 3] & 0xff) << 8) | (b[start + 4] & 0xff);
				int n = b[start + 5] & 0xff;
				for (int i = 0; i < n; i++) {
					int o = start + 6 + 3 * i;
					comps.add(new Component(b[o] & 0xff, (b[o + 1] >> 4) & 0x0f, b[o + 1] & 0x0f, b[o + 2] & 0xff));
				}
				progressive = marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE;
				sawSof = true;
			} else if (marker == 0xDA) {
				break;
			} else if (marker == 0xD9) {
				break;
			}
			p = end;
		}
		if (!sawSof) throw new JpegRestoreException("truncated JPEG: no frame header");
		return new JpegInfo(w, h, prec, progressive, tables, comps, orientation);
	}

	/** Refuses what the suite cannot restore faithfully: CMYK / YCCK (4-component) JPEGs, whose colours decoders disagree on. */
	public JpegInfo checkSupported() {
		int n = components.size();
		if (n != 1 && n != 3)
			throw new JpegRestoreException("a " + n + "-component JPEG (CMYK or YCCK, e.g. from Photoshop) is not supported: convert it to RGB first");
		return this;
	}

	/** Orientation tag 0x0112 of IFD0 in an APP1 "Exif" segment b[start, end); 1 when absent or unreadable. */
	static int exifOrientation(byte[] b, int start, int end) {
		if (end - start < 14 || b[start] != 'E' || b[start + 1] != 'x' || b[start + 2] != 'i' || b[start + 3] != 'f') return 1;
		int t = start + 6; // TIFF header
		boolean le = b[t] == 'I';
		java.util.function.IntBinaryOperator rd = (at, n) -> {
			int v = 0;
			for (int i = 0; i < n; i++) v |= (b[at + (le ? i : n - 1 - i)] & 0xff) << (8 * i);
			return v;
		};
		int ifd = t + rd.applyAsInt(t + 4, 4);
		if (ifd < t || ifd + 2 > end) return 1;
		int n = rd.applyAsInt(ifd, 2);
		for (int i = 0; i < n; i++) {
			int e = ifd + 2 + 12 * i;
			if (e + 12 > end) return 1;
			if (rd.applyAsInt(e, 2) == 0x0112) {
				int v = rd.applyAsInt(e + 8, 2);
				return v >= 1 && v <= 8 ? v : 1;
			}
		}
		return 1;
	}

	/** The quantization table of a component (natural order). */
	public int[] tableOf(int componentIndex) {
		int[] t = tables[components.get(componentIndex).tableId];
		if (t == null) throw new JpegRestoreException("component " + componentIndex + " refers to a missing quantization table");
		return t;
	}

	/** "420", "444", "422", ... from the luma sampling factors, or "gray". */
	public String subsampling() {
		if (components.size() == 1) return "gray";
		Component y = components.get(0);
		if (y.h == 2 && y.v == 2) return "420";
		if (y.h == 2 && y.v == 1) return "422";
		if (y.h == 1 && y.v == 1) return "444";
		return y.h + "x" + y.v;
	}

	/** QF estimate for every table present, in id order; chroma tables are those ids used by components 1 and 2. */
	public List<TableQuality> qualities() {
		List<TableQuality> out = new ArrayList<>();
		for (int id = 0; id < 4; id++) {
			if (tables[id] == null) continue;
			boolean chroma = false, luma = false;
			for (int i = 0; i < components.size(); i++) {
				if (components.get(i).tableId == id) {
					if (i == 0) luma = true;
					else chroma = true;
				}
			}
			boolean asChroma = chroma && !luma;
			out.add(new TableQuality(id, asChroma, QuantTables.estimate(tables[id], asChroma)));
		}
		return out;
	}

	/** The QF of one DQT table. */
	public static final class TableQuality {
		public final int tableId;
		public final boolean chroma;
		public final QuantTables.Estimate estimate;

		TableQuality(int tableId, boolean chroma, QuantTables.Estimate estimate) {
			this.tableId = tableId;
			this.chroma = chroma;
			this.estimate = estimate;
		}
	}

	/** The QF of the luminance table (what restorers take), exact or equivalent. */
	public QuantTables.Estimate lumaQuality() {
		return QuantTables.estimate(tableOf(0), false);
	}
}
