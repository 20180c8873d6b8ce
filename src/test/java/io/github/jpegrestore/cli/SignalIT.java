package io.github.jpegrestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.github.jpegrestore.TestData;
import io.github.jpegrestore.TestModels;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.Subsampling;

/** Issue 22, item 2: SIGTERM in the middle of a batch leaves no partial (hidden .part) files. */
class SignalIT {
	static long countEnding(Path dir, String end) throws java.io.IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.filter(f -> f.getFileName().toString().endsWith(end)).count();
		}
	}

	@Test
	void sigtermDuringABatchLeavesNoPartialFiles() throws Exception {
		assumeTrue(Files.isRegularFile(Path.of("target", "JPEG_Restore.jar")), "needs the packaged jar");
		Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "signal-it").toAbsolutePath();
		Path in = Files.createDirectories(dir.resolve("in"));
		for (int i = 0; i < 24; i++)
			Files.write(in.resolve("img" + i + ".jpg"), JpegCodec.compress(TestData.synthetic(1024, 768, 1, i), 30, Subsampling.S420));
		String cp = Path.of("target", "JPEG_Restore.jar").toAbsolutePath() + ":" + Path.of("target", "lib").toAbsolutePath() + "/*";
		java.util.Random r = new java.util.Random(4);
		long left = 0, restored = 0;
		for (int run = 0; run < 8; run++) {
			Path out = dir.resolve("out" + run);
			Process p = new ProcessBuilder("java", "-cp", cp, "io.github.jpegrestore.cli.Main", "batch", "--model", TestModels.tinyCardPath().toString(),
				"--out", out.toString(), in.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
			// mid-batch: after the first output is in place, at a random moment of the next ones
			long until = System.currentTimeMillis() + 60_000;
			while (System.currentTimeMillis() < until && !(Files.isDirectory(out) && countEnding(out, "-restored.png") > 0)) Thread.sleep(20);
			Thread.sleep(r.nextInt(400));
			p.destroy(); // SIGTERM
			p.waitFor(30, TimeUnit.SECONDS);
			Thread.sleep(300);
			if (!Files.isDirectory(out)) continue;
			left += countEnding(out, ".part");
			restored += countEnding(out, "-restored.png");
		}
		assertEquals(0, left, "partial files left by SIGTERM");
		assertTrue(restored > 0 && restored < 8 * 24, "the runs were stopped mid-batch: " + restored + " outputs in all");
	}
}
