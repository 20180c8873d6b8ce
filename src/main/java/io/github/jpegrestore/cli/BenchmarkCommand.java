package io.github.jpegrestore.cli;

import io.github.jpegrestore.JpegRestoreException;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.jpeg.JpegCodec;
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
final class BenchmarkCommand implements Callable<Integer>, Described {
	@Override
	public java.util.List<io.github.jpegrestore.spec.Setting> settings() {
		return io.github.jpegrestore.options.Catalog.BENCHMARK;
	}

	@Spec CommandSpec spec;
	@Option(names = { "--folder", "--data" }, required = true) Path data;
	@Option(names = "--qf") String qf;
	@Option(names = { "--models", "--model" }) String model;
	@Option(names = "--restore-qf") String restoreQf;
	@Mixin RunOptions run;
	@Option(names = "--then-qf") int thenQf;
	@Option(names = "--shift") String shift;
	@Option(names = "--y") String y;
	@Option(names = "--ssim") String ssim;
	@Option(names = "--subsampling") String subsampling;
	@Option(names = "--equivalent", description = "adds the columns bytes, equivalent_qf_psnr, equivalent_qf_ssim, equivalent_bytes to the CSV") boolean equivalent;
	@Option(names = "--csv", description = "write one row per (image, QF) and a mean row per QF") Path csv;
	@Option(names = "--overwrite", description = "replace an existing CSV") boolean overwrite;

	@Override
	public Integer call() {
		List<Integer> qfs = Args.qualities(qf);
		Benchmark b = new Benchmark();
		int[] s = Args.shift(shift);
		JpegCodec.checkDouble(thenQf, s);
		if (thenQf != 0) b.thenQf = thenQf;
		b.dx = s[0];
		b.dy = s[1];
		b.yMode = YMode.fromLabel(y);
		b.window = SsimWindow.fromLabel(ssim);
		b.subsampling = Subsampling.fromLabel(subsampling);
		b.equivalent = equivalent;
		b.check();
		if (csv != null) ImageFiles.checkTarget(csv, overwrite);
		Benchmark.images(data);
		PrintWriter out = spec.commandLine().getOut();
		List<Benchmark.Row> rows = new ArrayList<>();
		QfChoice choice = QfChoice.parse(restoreQf);
		List<String> models = Benchmark.models(model);
		out.printf(Locale.ROOT, "%-10s %-7s %4s  %8s %7s %8s %8s%s%n", "dataset", "model", "QF", "PSNR", "SSIM", "PSNR-B", "MP/s",
			equivalent ? String.format(Locale.ROOT, "  %8s %8s %6s", "eqQF-PSNR", "eqQF-SSIM", "saved") : "");
		out.flush();
		for (String m : models)
			try (Restorer r = Restorers.create(m, run.options().qf(choice))) {
				b.label = choice.mode != QfChoice.Mode.FILE ? r.name() + "@" + choice : null;
				b.run(data, qfs, r, row -> {
					rows.add(row);
					if (row.image.equals("mean")) {
						out.printf(Locale.ROOT, "%-10s %-7s %4d  %8.2f %7.3f %8.2f %8.2f%s%n", row.dataset, row.model, row.qf, row.psnr, row.ssim, row.psnrb, row.mps,
							equivalent ? String.format(Locale.ROOT, "  %9.1f %9.1f %5.1f%%", row.equivalentQfPsnr, row.equivalentQfSsim, 100 * row.saved()) : "");
						out.flush();
					}
				});
			}
		if (csv != null) {
			StringBuilder sb = new StringBuilder(Benchmark.CSV_HEADER).append(equivalent ? Benchmark.CSV_EQUIVALENT : "").append('\n');
			for (Benchmark.Row row : rows) sb.append(row.csv()).append('\n');
			ImageFiles.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8), csv, overwrite);
		}
		if (!b.failures.isEmpty()) {
			for (String f : b.failures) out.println("failed: " + JpegRestoreException.firstLine(f));
			out.flush();
			throw new Exit.CliFailure(b.failures.size() + " image(s) could not be measured and are left out of the table (first: "
				+ JpegRestoreException.firstLine(b.failures.get(0)) + ")");
		}
		return Exit.OK;
	}
}
