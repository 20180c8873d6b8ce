package io.github.jpegrestore.restore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.JpegRestoreException;
import io.github.jpegrestore.jpeg.Subsampling;
import io.github.jpegrestore.metrics.Metrics;
import io.github.jpegrestore.metrics.SsimWindow;
import io.github.jpegrestore.metrics.YMode;

/**
 * The literature's table: every image of a folder compressed at each QF (optionally double JPEG
 * with a grid shift), restored, and measured against the original. Rows per (image, QF) and a
 * "mean" row per QF, as the CSV contract of docs/architecture.md.
 */
public final class Benchmark {
	public static final String CSV_HEADER = "dataset,model,qf,image,psnr,ssim,psnrb,megapixels_per_second";
	/** The columns {@link #equivalent} adds: the file's bytes, the equivalent QFs, the bytes at the PSNR-equivalent QF. */
	public static final String CSV_EQUIVALENT = ",bytes,equivalent_qf_psnr,equivalent_qf_ssim,equivalent_bytes";

	/** One row of the table. */
	public static final class Row {
		public final String dataset, model, image;
		public final int qf;
		public final double psnr, ssim, psnrb, mps;
		/** With {@link Benchmark#equivalent}: the compressed file's bytes, the equivalent QFs (a mean row: their means) and the bytes at the PSNR-equivalent QF; else 0 / NaN. */
		public long bytes, equivalentBytes;
		public double equivalentQfPsnr = Double.NaN, equivalentQfSsim = Double.NaN;

		public Row(String dataset, String model, int qf, String image, double psnr, double ssim, double psnrb, double mps) {
			this.dataset = dataset;
			this.model = model;
			this.qf = qf;
			this.image = image;
			this.psnr = psnr;
			this.ssim = ssim;
			this.psnrb = psnrb;
			this.mps = mps;
		}

		public String csv() {
			String s = String.format(Locale.ROOT, "%s,%s,%d,%s,%.4f,%.4f,%.4f,%.4f", dataset, model, qf, image, psnr, ssim, psnrb, mps);
			return Double.isNaN(equivalentQfPsnr) ? s
				: s + String.format(Locale.ROOT, ",%d,%.2f,%.2f,%d", bytes, equivalentQfPsnr, equivalentQfSsim, equivalentBytes);
		}

		/** Share of the storage saved by keeping the tested QF and restoring, against storing at the PSNR-equivalent QF. */
		public double saved() {
			return equivalentBytes <= 0 ? Double.NaN : 1.0 - bytes / (double) equivalentBytes;
		}
	}

	public Integer thenQf;
	/** The model column of the rows; null = the restorer's name. */
	public String label;
	public int dx, dy;
	public YMode yMode = YMode.FULL;
	public SsimWindow window = SsimWindow.GAUSSIAN;
	public Subsampling subsampling = Subsampling.S420;
	/** Also the equivalent JPEG quality of each restored image and its bytes ({@link Equivalent}). */
	public boolean equivalent;

	/** "10,20,30" -> [10, 20, 30], each checked to be 1..100. */
	/** The models of a comma-separated list ("jpeg,luma"), in order; at least one. */
	public static List<String> models(String list) {
		List<String> models = new ArrayList<>();
		for (String m : list.split(",")) if (!m.isBlank()) models.add(m.trim());
		if (models.isEmpty()) throw new IllegalArgumentException("models: give at least one (" + Restorers.BASELINES + ", " + Restorers.NETWORKS + " or a card path)");
		return models;
	}

	public static List<Integer> qualities(String list) {
		List<Integer> out = new ArrayList<>();
		for (String s : list.split(",")) {
			try {
				int q = Integer.parseInt(s.trim());
				io.github.jpegrestore.jpeg.QuantTables.checkQuality(q);
				out.add(q);
			} catch (NumberFormatException e) {
				throw new IllegalArgumentException("qf takes numbers 1..100 separated by commas, got '" + list + "'");
			}
		}
		return out;
	}

	/** Progress over (QF, image) pairs and within each restoration; cancel is checked per tile. */
	public Progress progress = Progress.NONE;

	/** The image files of a folder, sorted by name. */
	public static List<Path> images(Path dir) {
		if (!Files.isDirectory(dir)) throw new IllegalArgumentException(dir + ": no such folder");
		try (Stream<Path> s = Files.list(dir)) {
			List<Path> out = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)
				.matches(".*\\.(png|bmp|tif|tiff|jpg|jpeg|gif)$")).sorted().collect(Collectors.toList());
			if (out.isEmpty()) throw new IllegalArgumentException(dir + ": no images");
			return out;
		} catch (IOException e) {
			throw new JpegRestoreException(dir + ": cannot list: " + e.getMessage());
		}
	}

	/** Images that could not be measured ("name: reason"), in order; they are left out of the rows and means. */
	public final List<String> failures = new ArrayList<>();

	/** The rules between this benchmark's settings (run by {@link #run}; a front end may call it before loading a model). */
	public void check() {
		if (equivalent && thenQf != null)
			throw new io.github.jpegrestore.spec.SettingConflict("%1$s compares with single JPEGs; leave %2$s at 0", io.github.jpegrestore.spec.Keys.EQUIVALENT, io.github.jpegrestore.spec.Keys.THEN_QF);
	}

	/**
	 * Runs the table; each row is handed to {@code sink} as soon as it is known (per-QF means last).
	 * An image that cannot be read or restored is recorded in {@link #failures} and the table goes on.
	 */
	public List<Row> run(Path dir, List<Integer> qfs, Restorer restorer, Consumer<Row> sink) {
		check();
		String dataset = dir.getFileName().toString();
		List<Path> files = new ArrayList<>();
		List<Image8> refs = new ArrayList<>();
		for (Path f : images(dir)) {
			try {
				refs.add(ImageFiles.read(f));
				files.add(f);
			} catch (JpegRestoreException | IllegalArgumentException e) {
				failures.add(f.getFileName() + ": " + e.getMessage());
			}
		}
		List<Row> all = new ArrayList<>();
		for (int qf : qfs) {
			List<Row> rows = new ArrayList<>();
			double seconds = 0, megapixels = 0;
			for (int i = 0; i < files.size(); i++) {
				progress.checkCanceled();
				progress.update((long) qfs.indexOf(qf) * files.size() + i, (long) qfs.size() * files.size());
				Image8 ref = refs.get(i);
				byte[] jpg;
				if (thenQf == null) jpg = JpegCodec.compress(ref, qf, subsampling);
				else {
					jpg = JpegCodec.compressDouble(ref, qf, thenQf, dx, dy, subsampling);
					ref = ref.crop(dx, dy, ref.width - dx, ref.height - dy);
				}
				Input in = Input.jpegFile(jpg);
				long t0 = System.nanoTime();
				Image8 restored;
				try {
					// the image's own progress (and Esc) per tile: a large image stops at once, not after it is done
					restored = restorer.restore(in, progress.part(qfs.indexOf(qf) * files.size() + i, qfs.size() * files.size())).image;
				} catch (JpegRestoreException | IllegalArgumentException e) {
					failures.add(files.get(i).getFileName() + " at QF " + qf + ": " + e.getMessage());
					continue;
				}
				double s = (System.nanoTime() - t0) / 1e9;
				double mp = ref.width * (double) ref.height / 1e6;
				seconds += s;
				megapixels += mp;
				Metrics.Result m = Metrics.compute(ref, restored, yMode, window);
				Row r = new Row(dataset, label != null ? label : restorer.name(), thenQf == null ? qf : thenQf, files.get(i).getFileName().toString(), m.psnr, m.ssim, m.psnrb, mp / s);
				if (equivalent) {
					Equivalent e = Equivalent.of(ref, m, yMode, window, subsampling);
					r.bytes = jpg.length;
					r.equivalentQfPsnr = e.qfPsnr;
					r.equivalentQfSsim = e.qfSsim;
					r.equivalentBytes = e.bytesPsnr;
				}
				rows.add(r);
				sink.accept(r);
			}
			Row mean = new Row(dataset, label != null ? label : restorer.name(), thenQf == null ? qf : thenQf, "mean",
				rows.stream().mapToDouble(r -> r.psnr).average().orElse(Double.NaN),
				rows.stream().mapToDouble(r -> r.ssim).average().orElse(Double.NaN),
				rows.stream().mapToDouble(r -> r.psnrb).average().orElse(Double.NaN), megapixels / seconds);
			if (equivalent) {
				mean.bytes = rows.stream().mapToLong(r -> r.bytes).sum();
				mean.equivalentBytes = rows.stream().mapToLong(r -> r.equivalentBytes).sum();
				mean.equivalentQfPsnr = rows.stream().mapToDouble(r -> r.equivalentQfPsnr).average().orElse(Double.NaN);
				mean.equivalentQfSsim = rows.stream().mapToDouble(r -> r.equivalentQfSsim).average().orElse(Double.NaN);
			}
			rows.add(mean);
			sink.accept(mean);
			all.addAll(rows);
		}
		progress.update(1, 1);
		return all;
	}
}
