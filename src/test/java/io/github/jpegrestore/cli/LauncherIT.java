package io.github.jpegrestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.jpegrestore.TestData;
import io.github.jpegrestore.TestModels;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.Subsampling;

/** bin/jpeg-restore as a user starts it, after the build (failsafe). Issue 22, item 5: LANG=C and a non-ASCII name. */
class LauncherIT {
	@Test
	void batchUnderLangCTakesNonAsciiNames() throws Exception {
		assumeTrue(Files.isRegularFile(Path.of("target", "JPEG_Restore.jar")), "needs the packaged jar");
		Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "launcher-it").toAbsolutePath();
		Path in = Files.createDirectories(dir.resolve("in")), out = dir.resolve("out");
		Files.write(in.resolve("na\u00efve \u00e9t\u00e9.jpg"), JpegCodec.compress(TestData.synthetic(48, 48, 1, 7), 30, Subsampling.S420));
		ProcessBuilder pb = new ProcessBuilder("bash", "bin/jpeg-restore", "batch", "--model", TestModels.tinyCardPath().toString(),
			"--out", out.toString(), in.toString()).redirectErrorStream(true);
		pb.environment().remove("LC_ALL");
		pb.environment().remove("LC_CTYPE");
		pb.environment().put("LANG", "C");
		Process p = pb.start();
		String text = new String(p.getInputStream().readAllBytes());
		assertTrue(p.waitFor(3, TimeUnit.MINUTES));
		assertEquals(0, p.exitValue(), text);
		assertTrue(text.contains("restored 1, skipped 0, failed 0"), text);
	}
}
