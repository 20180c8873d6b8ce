package io.github.jpegrestore.ij;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import ij.IJ;
import io.github.jpegrestore.inference.ContextLoader;
import io.github.jpegrestore.restore.BatchRun;

/**
 * Static functions for ImageJ macros' {@code call("io.github.jpegrestore.ij.MacroCalls.NAME", ...)}:
 * strings in, a string out, never an exception (a failure is the returned text, starting "failed").
 */
public final class MacroCalls {
	private MacroCalls() {}

	/**
	 * The command line's {@code batch} from a macro: every image of {@code input} restored into
	 * {@code output} (skips existing outputs, goes on past bad files, OUTPUT/restore-log.csv).
	 * {@code options} are those of "JPEG Restore Luma" (qf, constrain, device, tile, model).
	 * Returns "restored A, skipped B, failed C (of N); log: …", or "failed: reason".
	 */
	public static String restoreFolder(String input, String output, String options) {
		try {
			CommandSpec.Values v = RestoreOp.LUMA.parse(options);
			if (v.flag("sweep")) return "failed: sweep restores one image, not a folder";
			List<Path> files = BatchRun.collect(List.of(Path.of(input)));
			Path out = Path.of(output);
			int[] all = { 1, 1 };
			BatchRun.Summary s = ContextLoader.call(() -> {
				try {
					return BatchRun.run(files, out, BatchRun.logFile(out, all), v.text("model"), RestoreOp.options(v).qf(io.github.jpegrestore.restore.QfChoice.parse(v.text("qf"))), (i, n, f, status, detail) -> {
						IJ.showProgress(i, n);
						IJ.log("[" + i + "/" + n + "] " + f.getFileName() + ": " + status + (detail.isEmpty() ? "" : " " + detail));
					});
				} catch (IOException e) {
					throw new io.github.jpegrestore.JpegRestoreException(out + ": " + e.getMessage());
				}
			});
			return s.toString();
		} catch (RuntimeException e) {
			return "failed: " + e.getMessage();
		}
	}
}
