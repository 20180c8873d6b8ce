package io.github.jpegrestore.cli;

import java.io.IOException;
import java.io.PrintWriter;
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
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.jpegrestore.JpegRestoreException;
import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.restore.Input;
import io.github.jpegrestore.restore.QfChoice;
import io.github.jpegrestore.restore.RestoreOptions;
import io.github.jpegrestore.restore.Restored;
import io.github.jpegrestore.restore.Restorer;
import io.github.jpegrestore.restore.Restorers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A thousand files overnight: every image of the folders and files given, restored into one
 * output folder as NAME-restored.png. Existing outputs are skipped (never overwritten), a bad file
 * is logged and the run goes on, every file gets a row in DIR/restore-log.csv as soon as it is
 * done, and the exit code is 1 when any file failed. {@code --part K/N} takes every N-th file
 * (the K-th of each N), so a cluster array job splits a folder across nodes.
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
	description = "Restore every image of folders/files into --out as NAME-restored.png; skips existing outputs, goes on past bad files, "
		+ "logs each file to OUT/restore-log.csv, exits 1 if any failed.")
final class BatchCommand implements Callable<Integer> {
	static final String LOG_HEADER = "file,status,qf,qf_source,model,device,seconds,message";

	@Spec CommandSpec spec;
	@Option(names = "--out", required = true, description = "output folder (created if missing)") Path out;
	@Option(names = "--model", defaultValue = "luma", description = "luma | color, or a model card path") String model;
	@Option(names = "--qf", defaultValue = "auto", description = "auto (each file's DQT, else estimated) | file | 1..100") String qf;
	@Option(names = "--part", description = "K/N: restore only the files whose position in the sorted list is K modulo N (1 <= K <= N)") String part;
	@Mixin RunOptions run;
	@Parameters(arity = "1..*", description = "input folders (their image files, sorted by name) and files") List<Path> inputs;

	static final String IMAGE_NAME = ".*\\.(jpg|jpeg|png|tif|tiff|bmp|gif)$";

	/** The inputs as a sorted, de-duplicated list of files. */
	static List<Path> collect(List<Path> inputs) {
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

	/** {K, N} of "K/N". */
	static int[] part(String s) {
		if (s == null) return new int[] { 1, 1 };
		String[] p = s.split("/");
		try {
			int k = Integer.parseInt(p[0].trim()), n = Integer.parseInt(p[1].trim());
			if (p.length == 2 && n >= 1 && k >= 1 && k <= n) return new int[] { k, n };
		} catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
			// reported below
		}
		throw new IllegalArgumentException("--part takes K/N with 1 <= K <= N, got '" + s + "'");
	}

	static String stem(Path f) {
		String n = f.getFileName().toString();
		int dot = n.lastIndexOf('.');
		return dot > 0 ? n.substring(0, dot) : n;
	}

	static String csv(String s) {
		return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"").replace('\n', ' ') + "\"" : s;
	}

	@Override
	public Integer call() throws IOException {
		RestoreOptions o = run.options().qf(QfChoice.parse(qf));
		int[] kn = part(part);
		List<Path> all = collect(inputs);
		List<Path> mine = new ArrayList<>();
		for (int i = 0; i < all.size(); i++)
			if (i % kn[1] == kn[0] - 1) mine.add(all.get(i));
		Files.createDirectories(out);
		Path logFile = out.resolve(kn[1] == 1 ? "restore-log.csv" : "restore-log-" + kn[0] + "-of-" + kn[1] + ".csv");
		PrintWriter con = spec.commandLine().getOut();
		con.printf(Locale.ROOT, "%d image file(s)%s, this run restores %d into %s (log %s)%n", all.size(),
			kn[1] == 1 ? "" : " in all, part " + kn[0] + "/" + kn[1], mine.size(), out, logFile.getFileName());
		con.flush();
		int restored = 0, skipped = 0, failed = 0;
		Map<String, Path> claimed = new HashMap<>();
		boolean newLog = !Files.exists(logFile);
		try (Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			Restorer r = Restorers.create(model, o)) {
			if (newLog) log.write(LOG_HEADER + "\n");
			for (int i = 0; i < mine.size(); i++) {
				Path f = mine.get(i);
				Path target = out.resolve(stem(f) + "-restored.png");
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
						if (o.constrain && img.jpeg == null) throw new IllegalArgumentException("--constrain needs a JPEG input");
						Restored res = r.restore(new Input(img.image, img.jpeg, img.jpeg == null ? null : img.bytes), Progress.NONE);
						ImageFiles.write(res.image, target, false);
						status = "restored";
						qfText = Integer.toString(res.qf);
						source = res.qfSource;
						device = r.device();
						message = res.note;
					} catch (IllegalArgumentException e) {
						boolean exists = String.valueOf(e.getMessage()).endsWith("exists (use --overwrite to replace it)");
						status = exists ? "skipped" : "failed"; // another run wrote it meanwhile
						message = exists ? "output exists" : e.getMessage();
					} catch (JpegRestoreException e) {
						status = "failed";
						message = e.getMessage();
					} catch (OutOfMemoryError e) {
						status = "failed";
						message = "out of memory (give Java more with JAVA_OPTS=-Xmx..., or use a smaller --tile)";
					} catch (RuntimeException e) {
						status = "failed";
						message = e.getClass().getSimpleName() + ": " + e.getMessage();
					}
				}
				double s = (System.nanoTime() - t0) / 1e9;
				if (status.equals("restored")) restored++;
				else if (status.equals("skipped")) skipped++;
				else failed++;
				log.write(String.join(",", csv(f.toString()), status, qfText, source, csv(r.name()), csv(device), String.format(Locale.ROOT, "%.2f", s),
					csv(Main.oneLine(message))) + "\n");
				log.flush();
				con.printf(Locale.ROOT, "[%d/%d] %s: %s%s%s%n", i + 1, mine.size(), f.getFileName(), status,
					qfText.isEmpty() ? "" : " at QF " + qfText + " (" + source + "), " + String.format(Locale.ROOT, "%.2f s", s),
					message.isEmpty() ? "" : " - " + Main.oneLine(message));
				con.flush();
			}
		}
		con.printf("restored %d, skipped %d, failed %d (of %d); log: %s%n", restored, skipped, failed, mine.size(), logFile);
		con.flush();
		if (failed > 0) {
			spec.commandLine().getErr().println("jpeg-restore: " + failed + " of " + mine.size() + " file(s) failed; see " + logFile);
			spec.commandLine().getErr().flush();
			return Main.FAILURE;
		}
		return Main.OK;
	}
}
