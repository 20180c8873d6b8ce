package io.github.jpegrestore.restore;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.jpegrestore.JpegRestoreException;
import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.spec.Failures;
import io.github.jpegrestore.spec.OutputExists;

/**
 * A folder of images restored into another, the same way from the command line ({@code batch})
 * and from a macro (macros/restore-folder.ijm): each image at its own QF into NAME-restored.png,
 * existing outputs skipped (never overwritten), a bad file logged and the run going on, a row per
 * file in the log CSV as soon as it is done. {@code part} K of N takes every N-th file.
 */
public final class BatchRun {
	private BatchRun() {}

	public static final String LOG_HEADER = "file,status,qf,qf_source,model,device,seconds,message";
	/** Image files by extension; (?s): a name may hold any character, a newline too. */
	static final String IMAGE_NAME = "(?s).*\\.(jpg|jpeg|png|tif|tiff|bmp|gif)$";

	/** Told about each file when it is done: position (1-based), count, file, status, detail. */
	public interface Listener {
		void file(int index, int count, Path file, String status, String detail);
	}

	/** What a run did. */
	public static final class Summary {
		public int restored, skipped, failed, count;
		public Path log;

		@Override
		public String toString() {
			return "restored " + restored + ", skipped " + skipped + ", failed " + failed + " (of " + count + "); log: " + log;
		}
	}

	/** The inputs (folders: their image files; files as they are) as a sorted list without repeats. */
	public static List<Path> collect(List<Path> inputs) {
		List<Path> files = new ArrayList<>();
		for (Path in : inputs) {
			if (Files.isDirectory(in)) {
				try (Stream<Path> s = Files.list(in)) {
					files.addAll(s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).matches(IMAGE_NAME))
						.collect(Collectors.toList()));
				} catch (IOException e) {
					throw new JpegRestoreException(in + ": cannot list: " + e.getMessage());
				}
			} else if (Files.exists(in)) files.add(in);
			else throw new IllegalArgumentException(in + ": no such file or folder");
		}
		return files.stream().map(p -> p.toAbsolutePath().normalize()).distinct().sorted().collect(Collectors.toList());
	}

	/** {K, N} of "K/N" (null: the whole list). */
	public static int[] part(String s) {
		if (s == null || s.isEmpty()) return new int[] { 1, 1 };
		String[] p = s.split("/");
		try {
			int k = Integer.parseInt(p[0].trim()), n = Integer.parseInt(p[1].trim());
			if (p.length == 2 && n >= 1 && k >= 1 && k <= n) return new int[] { k, n };
		} catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
			// reported below
		}
		throw new IllegalArgumentException("part takes K/N with 1 <= K <= N, got '" + s + "'");
	}

	static String csv(String s) {
		return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"").replace('\n', ' ') + "\"" : s;
	}

	/** The files of part K/N of {@code all}. */
	public static List<Path> part(List<Path> all, int[] kn) {
		List<Path> mine = new ArrayList<>();
		for (int i = 0; i < all.size(); i++)
			if (i % kn[1] == kn[0] - 1) mine.add(all.get(i));
		return mine;
	}

	/** The log of a run: restore-log.csv, or restore-log-K-of-N.csv for a part. */
	public static Path logFile(Path out, int[] kn) {
		return out.resolve(kn[1] == 1 ? "restore-log.csv" : "restore-log-" + kn[0] + "-of-" + kn[1] + ".csv");
	}

	/** Restores {@code files} into {@code out}; the log is appended to (header when new). */
	public static Summary run(List<Path> files, Path out, Path logFile, String model, RestoreOptions o, Listener listener) throws IOException {
		if (Files.exists(out) && !Files.isDirectory(out)) throw new IllegalArgumentException(out + ": is a file; --out takes a folder");
		try {
			Files.createDirectories(out);
		} catch (java.nio.file.FileSystemException e) {
			throw new JpegRestoreException(out + ": cannot create the output folder" + (e.getReason() == null ? "" : ": " + e.getReason()));
		}
		if (!Files.isWritable(out)) throw new JpegRestoreException(out + ": the output folder is not writable");
		files = files.stream().filter(f -> !isOutput(f, out)).collect(Collectors.toList());
		Summary sum = new Summary();
		sum.count = files.size();
		sum.log = logFile;
		Map<String, Path> claimed = new HashMap<>();
		// the model first: a bad model leaves no log behind (an empty one would lack its header for good)
		try (Restorer r = Restorers.create(model, o)) {
			boolean newLog = !Files.exists(logFile) || Files.size(logFile) == 0;
			try (Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
				if (newLog) log.write(LOG_HEADER + "\n");
				runAll(files, out, o, listener, sum, claimed, r, log);
			}
		}
		return sum;
	}

	/** A file this batch writes: NAME-restored.png in the output folder (so a second run over the same folder skips its own outputs). */
	static boolean isOutput(Path f, Path out) {
		Path dir = f.toAbsolutePath().normalize().getParent();
		return dir != null && dir.equals(out.toAbsolutePath().normalize()) && f.getFileName().toString().endsWith(OUTPUT_SUFFIX);
	}

	static final String OUTPUT_SUFFIX = "-restored.png";

	/** How the log words a failure: settings by key, as everywhere but the command line's --help. */
	static final Failures.Wording WORDING = Failures.byKey("give Java more memory, or use a smaller tile");

	private static void runAll(List<Path> files, Path out, RestoreOptions o, Listener listener, Summary sum, Map<String, Path> claimed,
		Restorer r, Writer log) throws IOException {
		for (int i = 0; i < files.size(); i++) {
			Path f = files.get(i);
			Path target = out.resolve(ImageFiles.stem(f) + OUTPUT_SUFFIX);
			String status, message = "", qfText = "", source = "", device = "";
			long t0 = System.nanoTime();
			Path other = claimed.putIfAbsent(target.getFileName().toString(), f);
			if (other != null) {
				status = "failed";
				message = "its output name " + target.getFileName() + " is taken by " + other;
			} else if (Files.exists(target)) {
				status = "skipped";
				message = "output exists";
			} else {
				try {
					ImageFiles.Loaded img = ImageFiles.load(f);
					Restored res = r.restore(new Input(img.image, img.jpeg, img.jpeg == null ? null : img.bytes), Progress.NONE);
					ImageFiles.write(res.image, target, false);
					status = "restored";
					qfText = Integer.toString(res.qf);
					source = res.qfSource.label;
					device = r.device();
					message = res.note;
				} catch (OutputExists e) { // another run wrote it meanwhile
					status = "skipped";
					message = "output exists";
				} catch (RuntimeException | OutOfMemoryError e) {
					status = "failed";
					message = Failures.userLine(e, WORDING);
				}
			}
			double s = (System.nanoTime() - t0) / 1e9;
			if (status.equals("restored")) sum.restored++;
			else if (status.equals("skipped")) sum.skipped++;
			else sum.failed++;
			log.write(String.join(",", csv(f.toString()), status, qfText, source, csv(r.name()), csv(device), String.format(Locale.ROOT, "%.2f", s),
				csv(JpegRestoreException.firstLine(message))) + "\n");
			log.flush();
			listener.file(i + 1, files.size(), f, status, (qfText.isEmpty() ? "" : "at QF " + qfText + " (" + source + "), " + String.format(Locale.ROOT, "%.2f s", s))
				+ (message.isEmpty() ? "" : (qfText.isEmpty() ? "" : " - ") + JpegRestoreException.firstLine(message)));
		}
	}
}
