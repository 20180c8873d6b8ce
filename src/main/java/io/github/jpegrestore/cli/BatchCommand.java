package io.github.jpegrestore.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.github.jpegrestore.restore.BatchRun;
import io.github.jpegrestore.restore.QfChoice;
import io.github.jpegrestore.restore.RestoreOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** A thousand files overnight ({@link BatchRun}); exit code 1 when any file failed. */
@Command(name = "batch", mixinStandardHelpOptions = true,
	description = "Restore every image of folders/files into --out as NAME-restored.png; skips existing outputs, goes on past bad files, "
		+ "logs each file to OUT/restore-log.csv, exits 1 if any failed.")
final class BatchCommand implements Callable<Integer>, Described {
	@Override
	public java.util.List<io.github.jpegrestore.spec.Setting> settings() {
		return io.github.jpegrestore.options.Catalog.RESTORE_CLI;
	}

	@Spec CommandSpec spec;
	@Option(names = "--out", required = true, description = "output folder (created if missing)") Path out;
	@Option(names = "--model") String model;
	@Option(names = "--qf") String qf;
	@Option(names = "--part", description = "K/N: restore only the files whose position in the sorted list is K modulo N (1 <= K <= N)") String part;
	@Mixin RunOptions run;
	@Parameters(arity = "1..*", description = "input folders (their image files, sorted by name) and files") List<Path> inputs;

	@Override
	public Integer call() throws IOException {
		RestoreOptions o = run.options().qf(QfChoice.parse(qf));
		int[] kn;
		try {
			kn = BatchRun.part(part);
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("--" + e.getMessage());
		}
		List<Path> all = BatchRun.collect(inputs), mine = BatchRun.part(all, kn);
		Path log = BatchRun.logFile(out, kn);
		PrintWriter con = spec.commandLine().getOut();
		con.printf(Locale.ROOT, "%d image file(s)%s, this run restores %d into %s (log %s)%n", all.size(),
			kn[1] == 1 ? "" : " in all, part " + kn[0] + "/" + kn[1], mine.size(), out, log.getFileName());
		con.flush();
		BatchRun.Summary s = BatchRun.run(mine, out, log, model, o, (i, n, f, status, detail) -> {
			con.printf(Locale.ROOT, "[%d/%d] %s: %s%s%n", i, n, f.getFileName(), status, detail.isEmpty() ? "" : " " + detail);
			con.flush();
		});
		con.println(s);
		con.flush();
		if (s.failed > 0) {
			spec.commandLine().getErr().println("jpeg-restore: " + s.failed + " of " + s.count + " file(s) failed; see " + s.log);
			spec.commandLine().getErr().flush();
			return Exit.FAILURE;
		}
		return Exit.OK;
	}
}
