package io.github.jpegrestore.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.jpeg.Subsampling;
import io.github.jpegrestore.metrics.SsimWindow;
import io.github.jpegrestore.metrics.YMode;
import io.github.jpegrestore.restore.QfChoice;
import io.github.jpegrestore.restore.Restorers;
import io.github.jpegrestore.restore.Benchmark;
import io.github.jpegrestore.restore.Restorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "benchmark", mixinStandardHelpOptions = true,
	description = "Compress every image of a folder at each QF, restore, and print PSNR | SSIM | PSNR-B per QF.")
final class BenchmarkCommand implements Callable<Integer> {
	@Spec CommandSpec spec;
	@Option(names = "--data", required = true, description = "folder of reference images") Path data;
	@Option(names = "--qf", defaultValue = "10,20,30,40", description = "qualities, comma-separated") String qf;
	@Option(names = "--model", defaultValue = "jpeg", description = "jpeg (unrestored) | jpegqs | luma | color | blind | a model card path") String model;
	@Option(names = "--restore-qf", defaultValue = "file", description = "the QF the network is given: file (the compressed file's, the literature's setting) | auto (a double JPEG's dominant QF) | predicted (blind models)") String restoreQf;
	@Mixin RunOptions run;
	@Option(names = "--then-qf", description = "double JPEG: recompress at this quality") Integer thenQf;
	@Option(names = "--shift", defaultValue = "0,0", description = "DX,DY grid shift before the second compression") String shift;
	@Option(names = "--y", defaultValue = "full", description = "full | studio | none") String y;
	@Option(names = "--ssim", defaultValue = "gaussian", description = "gaussian | uniform8") String ssim;
	@Option(names = "--subsampling", defaultValue = "420", description = "420 | 444 for color images") String subsampling;
	@Option(names = "--csv", description = "write one row per (image, QF) and a mean row per QF") Path csv;
	@Option(names = "--overwrite", description = "replace an existing CSV") boolean overwrite;

	@Override
	public Integer call() {
		List<Integer> qfs = Args.qualities(qf);
		Benchmark b = new Benchmark();
		int[] s = Args.shift(shift);
		if (thenQf != null) b.thenQf = Args.quality(thenQf);
		else if (s[0] != 0 || s[1] != 0) throw new IllegalArgumentException("--shift needs --then-qf");
		b.dx = s[0];
		b.dy = s[1];
		b.yMode = YMode.fromLabel(y);
		b.window = SsimWindow.fromLabel(ssim);
		b.subsampling = Subsampling.fromLabel(subsampling);
		if (csv != null) ImageFiles.checkTarget(csv, overwrite);
		Benchmark.images(data);
		PrintWriter out = spec.commandLine().getOut();
		List<Benchmark.Row> rows = new ArrayList<>();
		QfChoice choice = QfChoice.parse(restoreQf);
		if (choice.mode == QfChoice.Mode.FIXED) throw new IllegalArgumentException("--restore-qf takes file, auto or predicted, not a number (each image is compressed at the --qf under test)");
		try (Restorer r = Restorers.create(model, run.options().qf(choice))) {
			if (choice.mode != QfChoice.Mode.FILE) b.label = r.name() + "@" + choice;
			out.printf(Locale.ROOT, "%-10s %-7s %4s  %8s %7s %8s %8s%n", "dataset", "model", "QF", "PSNR", "SSIM", "PSNR-B", "MP/s");
			out.flush();
			b.run(data, qfs, r, row -> {
				rows.add(row);
				if (row.image.equals("mean")) {
					out.printf(Locale.ROOT, "%-10s %-7s %4d  %8.2f %7.3f %8.2f %8.2f%n", row.dataset, row.model, row.qf, row.psnr, row.ssim, row.psnrb, row.mps);
					out.flush();
				}
			});
		}
		if (csv != null) {
			StringBuilder sb = new StringBuilder(Benchmark.CSV_HEADER).append('\n');
			for (Benchmark.Row row : rows) sb.append(row.csv()).append('\n');
			ImageFiles.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8), csv, overwrite);
		}
		if (!b.failures.isEmpty()) {
			for (String f : b.failures) out.println("failed: " + Main.oneLine(f));
			out.flush();
			throw new Main.CliFailure(b.failures.size() + " image(s) could not be measured and are left out of the table (first: "
				+ Main.oneLine(b.failures.get(0)) + ")");
		}
		return Main.OK;
	}
}
