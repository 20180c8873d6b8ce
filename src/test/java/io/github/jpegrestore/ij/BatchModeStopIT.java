package io.github.jpegrestore.ij;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.jpegrestore.TestData;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.Subsampling;

/**
 * Issue 22, item 1 in plain ImageJ 1 {@code -batch}: the suite installed as the update site lays it
 * out (plugin jar in plugins/, the libraries in jars/, natives in jars/linux64/, models in
 * models/jpeg-restore/), a macro whose restore fails must stop before its saveAs. ImageJ 1 builds
 * its menus even in -batch, so it runs under Xvfb (xvfb-run) where no display is set.
 */
class BatchModeStopIT {
	@Test
	void failedRestoreStopsAnImageJ1BatchMacro() throws Exception {
		Path jar = Path.of("target", "JPEG_Restore.jar"), lib = Path.of("target", "lib");
		assumeTrue(Files.isRegularFile(jar) && Files.isDirectory(lib), "needs the packaged plugin and target/lib");
		boolean display = System.getenv("DISPLAY") != null;
		boolean xvfb = new ProcessBuilder("sh", "-c", "command -v xvfb-run").start().waitFor() == 0;
		assumeTrue(display || xvfb, "needs a display or xvfb-run");
		Path root = Path.of("target", "ij1-batch").toAbsolutePath();
		Files.createDirectories(root.resolve("plugins"));
		Files.createDirectories(root.resolve("jars/linux64"));
		Files.createDirectories(root.resolve("models/jpeg-restore"));
		Files.copy(jar, root.resolve("plugins/JPEG_Restore.jar"), StandardCopyOption.REPLACE_EXISTING);
		Path ij = null;
		try (var s = Files.list(lib)) {
			for (Path j : (Iterable<Path>) s::iterator) {
				String n = j.getFileName().toString();
				Path to = n.startsWith("ij-") ? (ij = root.resolve("ij.jar"))
					: n.startsWith("pytorch-native") ? root.resolve("jars/linux64/" + n) : root.resolve("jars/" + n);
				Files.copy(j, to, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		try (var s = Files.list(Path.of("models"))) {
			for (Path m : (Iterable<Path>) s::iterator)
				if (m.toString().endsWith(".json") || m.toString().endsWith(".pt"))
					Files.copy(m, root.resolve("models/jpeg-restore/" + m.getFileName()), StandardCopyOption.REPLACE_EXISTING);
		}
		Path in = root.resolve("in.jpg"), out = root.resolve("out.png"), macro = root.resolve("failing.ijm");
		Files.write(in, JpegCodec.compress(TestData.synthetic(64, 64, 1, 3), 30, Subsampling.S420));
		Files.deleteIfExists(out);
		Files.writeString(macro, FailedCommandStopsMacroTest.macro(in, "qf=500 device=cpu", out));
		List<String> cmd = new ArrayList<>();
		if (!display) cmd.addAll(List.of("xvfb-run", "-a"));
		cmd.addAll(List.of("java", "-Dai.djl.offline=true", "-cp", ij + ":" + root.resolve("jars") + "/*:" + root.resolve("jars/linux64") + "/*",
			"ij.ImageJ", "-ijpath", root.toString(), "-batch", macro.toString()));
		Path log = root.resolve("batch.log");
		Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		assertTrue(p.waitFor(3, TimeUnit.MINUTES), "ImageJ -batch finished");
		String text = Files.readString(log);
		assertTrue(text.contains("JPEG Restore Luma: quality must be 1..100, got 500"), text);
		assertFalse(text.contains("the macro went on"), text);
		assertFalse(Files.exists(out), "saveAs after the failed command did not run: " + text);
	}
}
