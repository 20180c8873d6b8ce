package io.github.jpegrestore.finetune;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.jpegrestore.JpegRestoreException;
import io.github.jpegrestore.jpeg.JpegInfo;
import io.github.jpegrestore.jpeg.QuantTables;
import io.github.jpegrestore.jpeg.Subsampling;

/**
 * The compression a fine-tuned model learns to undo: IJG qualities (a list "10,20,30" or a range
 * "10-50", 4:2:0 for color), or the quantization tables and chroma subsampling of the user's own
 * JPEGs ({@code --like}), each as often as the archive has it. The network is told a table's QF as
 * the restorers tell it for a file (the luma table's IJG estimate; the color model the chroma
 * table's, as {@code ColorRestorer} does), so it learns exactly what it will later be asked to restore.
 * A quarter of the patches keep the base model's whole range (IJG QF 5-95, as it was trained), and
 * the held-out images are also measured at guard qualities outside the ones asked for (every QF
 * 10, 20 ... 90 not within 5 of a measured one, so that nothing in QF 10-90 goes unchecked): a
 * model tuned for QF 10-50 alone lost 0.9 dB at QF 90 on held-out EM images (BENCHMARKS.md).
 */
public final class Degradation {
	/**
	 * One compression: its luma table and the QF the luma network is given, the chroma table, its
	 * QF (what the color network is given) and the subsampling a color patch gets, and a label for
	 * tables and logs.
	 */
	public static final class Kind {
		public final int[] table;
		public final int qf;
		public final int[] chromaTable;
		public final int chromaQf;
		public final Subsampling subsampling;
		public final String label;
		/** A guard: measured to show the tuned model lost nothing where it was not asked to gain. */
		public final boolean guard;
		final int weight;

		/** IJG tables at {@code qf}, 4:2:0 (as the shipped color model was trained). */
		Kind(int qf, String label, int weight, boolean guard) {
			this(QuantTables.forQuality(qf, false), qf, QuantTables.forQuality(qf, true), qf, Subsampling.S420, label, weight, guard);
		}

		Kind(int[] table, int qf, int[] chromaTable, int chromaQf, Subsampling subsampling, String label, int weight, boolean guard) {
			this.table = table;
			this.qf = qf;
			this.chromaTable = chromaTable;
			this.chromaQf = chromaQf;
			this.subsampling = subsampling;
			this.label = label;
			this.weight = weight;
			this.guard = guard;
		}
	}

	/** Share of patches compressed anywhere in the base model's range, and that range (train.py's --qf-min/--qf-max). */
	public static final double KEEP_RANGE = 0.25;
	public static final int RANGE_MIN = 5, RANGE_MAX = 95;
	/** The guard qualities (those not within {@link #GUARD_NEAR} of a measured one). */
	static final int[] GUARDS = { 10, 20, 30, 40, 50, 60, 70, 80, 90 };
	static final int GUARD_NEAR = 5;

	private final List<Kind> kinds;
	private final int low, high; // a range; 0 when kinds are a list
	private final int total;
	/** "QF 10-50", "QF 10, 20, 30" or "the tables of 12 JPEGs in DIR": what the card records. */
	public final String description;
	/** The compressions the held-out images are measured at (at most 5), then the guards. */
	public final List<Kind> validation;

	private Degradation(List<Kind> kinds, int low, int high, String description, List<Kind> validation) {
		this.kinds = kinds;
		this.low = low;
		this.high = high;
		this.description = description;
		List<Kind> v = new ArrayList<>(validation);
		for (int g : GUARDS)
			if (validation.stream().noneMatch(k -> Math.abs(k.qf - g) < GUARD_NEAR))
				v.add(new Kind(g, "QF " + g + " (guard)", 0, true));
		this.validation = List.copyOf(v);
		int t = 0;
		for (Kind k : kinds) t += k.weight;
		this.total = t;
	}

	static Kind ijg(int qf) {
		return new Kind(qf, "QF " + qf, 1, false);
	}

	/** "10-50" (every QF in the range alike) or "10,20,30". */
	public static Degradation parse(String spec) {
		String s = spec.trim();
		try {
			if (s.matches("\\d+\\s*-\\s*\\d+")) {
				String[] ab = s.split("-");
				int a = Integer.parseInt(ab[0].trim()), b = Integer.parseInt(ab[1].trim());
				check(a);
				check(b);
				if (a > b) throw new IllegalArgumentException("qf range " + s + " runs backwards");
				List<Kind> val = new ArrayList<>();
				for (int q = a; q <= b && val.size() < 5; q++)
					if (q == a || q == b || q % 10 == 0) val.add(ijg(q));
				if (val.size() == 5 && val.get(4).qf != b) val.set(4, ijg(b));
				return new Degradation(List.of(), a, b, "QF " + a + "-" + b, val);
			}
			List<Kind> k = new ArrayList<>();
			for (String p : s.split(",")) {
				int q = Integer.parseInt(p.trim());
				check(q);
				k.add(ijg(q));
			}
			if (k.isEmpty()) throw new NumberFormatException();
			return new Degradation(k, 0, 0, "QF " + k.stream().map(x -> Integer.toString(x.qf)).collect(Collectors.joining(", ")), k.size() <= 5 ? k : k.subList(0, 5));
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("qf must be a range like 10-50 or a list like 10,20,30, got '" + spec + "'");
		}
	}

	private static void check(int q) {
		if (q < 1 || q > 100) throw new IllegalArgumentException("qf must be 1-100, got " + q);
	}

	/**
	 * The compressions of the JPEG files in {@code dir}, weighted by how many files use each: the
	 * luma table, the chroma table and subsampling of color files (4:2:2 and other layouts the codec
	 * does not write are trained as 4:2:0, and the description says so; a gray file's chroma is IJG's
	 * at its luma QF, 4:2:0).
	 */
	public static Degradation like(Path dir) {
		if (!Files.isDirectory(dir)) throw new JpegRestoreException("like: " + dir + " is not a folder");
		List<Path> files;
		try (Stream<Path> s = Files.list(dir)) {
			files = s.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).matches(".*\\.(jpe?g|jfif)")).sorted().collect(Collectors.toList());
		} catch (java.io.IOException e) {
			throw new JpegRestoreException("like: cannot list " + dir + ": " + e.getMessage(), e);
		}
		Map<String, Kind> kinds = new LinkedHashMap<>();
		Map<String, Integer> counts = new LinkedHashMap<>();
		int read = 0, unsupported = 0;
		for (Path f : files) {
			Kind k;
			try {
				k = kindOf(JpegInfo.read(f));
			} catch (java.io.IOException | RuntimeException e) {
				continue; // a damaged file in the archive: its tables are not used
			}
			read++;
			if (k.label.endsWith(UNSUPPORTED)) unsupported++;
			String key = Arrays.toString(k.table) + Arrays.toString(k.chromaTable) + k.subsampling;
			kinds.putIfAbsent(key, k);
			counts.merge(key, 1, Integer::sum);
		}
		if (read == 0) throw new JpegRestoreException("like: no readable JPEG file in " + dir);
		List<Kind> weighted = new ArrayList<>();
		for (Map.Entry<String, Kind> e : kinds.entrySet()) {
			Kind k = e.getValue();
			weighted.add(new Kind(k.table, k.qf, k.chromaTable, k.chromaQf, k.subsampling, k.label, counts.get(e.getKey()), false));
		}
		List<Kind> val = new ArrayList<>(weighted);
		val.sort(Comparator.comparingInt((Kind k) -> -k.weight));
		val = new ArrayList<>(val.subList(0, Math.min(5, val.size())));
		val.sort(Comparator.comparingInt(k -> k.qf));
		return new Degradation(weighted, 0, 0, "the tables of " + read + " JPEG file(s) in " + dir.getFileName()
			+ " (" + weighted.size() + " distinct" + (unsupported > 0 ? "; " + unsupported + " not 4:2:0 or 4:4:4, trained as 4:2:0" : "") + ")", val);
	}

	private static final String UNSUPPORTED = " as 4:2:0";

	/** The compression of one JPEG file. */
	static Kind kindOf(JpegInfo info) {
		int[] luma = info.tableOf(0);
		QuantTables.Estimate est = QuantTables.estimate(luma, false);
		String label = (est.ijg ? "QF " : "table ~QF ") + est.qf;
		if (info.components.size() < 3) return new Kind(luma, est.qf, QuantTables.forQuality(est.qf, true), est.qf, Subsampling.S420, label, 1, false);
		int[] chroma = info.tableOf(1);
		int chromaQf = QuantTables.estimate(chroma, true).qf;
		String layout = info.subsampling();
		Subsampling sub = layout.equals("444") ? Subsampling.S444 : Subsampling.S420;
		if (!layout.equals("420") && !layout.equals("444")) label += ", " + layout + UNSUPPORTED;
		else if (sub == Subsampling.S444) label += ", 4:4:4";
		return new Kind(luma, est.qf, chroma, chromaQf, sub, label, 1, false);
	}

	/** A compression for one training patch. */
	public Kind sample(Random r) {
		if (r.nextDouble() < KEEP_RANGE) return ijg(RANGE_MIN + r.nextInt(RANGE_MAX - RANGE_MIN + 1));
		if (kinds.isEmpty()) return ijg(low + r.nextInt(high - low + 1));
		int x = r.nextInt(total);
		for (Kind k : kinds) {
			x -= k.weight;
			if (x < 0) return k;
		}
		return kinds.get(kinds.size() - 1);
	}
}
