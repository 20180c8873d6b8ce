package io.github.jpegrestore.cli;

import static io.github.jpegrestore.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.jpegrestore.TestData;
import io.github.jpegrestore.TestModels;
import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.Subsampling;

/** bin/jpeg-restore batch: goes on past bad files, never overwrites, logs every file, never reports success for a failure. */
class BatchTest {
	@TempDir Path dir;

	Path folder() throws Exception {
		Path in = Files.createDirectories(dir.resolve("in"));
		for (int i = 0; i < 4; i++)
			ImageFiles.writeBytes(JpegCodec.compress(TestData.synthetic(40 + 8 * i, 32, 1, i), 15 + 10 * i, Subsampling.S420), in.resolve("f" + i + ".jpg"), false);
		Files.writeString(in.resolve("bad.jpg"), "not a JPEG at all");
		Files.writeString(in.resolve("notes.txt"), "ignored: not an image name");
		return in;
	}

	static List<String> log(Path f) throws Exception {
		return Files.readAllLines(f);
	}

	@Test
	void badFileIsLoggedTheRestIsRestoredAndTheExitCodeSaysSo() throws Exception {
		Path in = folder(), out = dir.resolve("out");
		CliTest.Run r = run("batch", "--out", out, "--model", CliTest.TINY, "--device", "cpu", in);
		assertEquals(1, r.code, "a failed file makes the run fail: " + r.out + r.err);
		assertTrue(r.err.strip().startsWith("jpeg-restore: 1 of 5 file(s) failed"), r.err);
		assertTrue(r.out.contains("restored 4, skipped 0, failed 1 (of 5)"), r.out);
		List<String> rows = log(out.resolve("restore-log.csv"));
		assertEquals(io.github.jpegrestore.restore.BatchRun.LOG_HEADER, rows.get(0));
		assertEquals(6, rows.size());
		String bad = rows.stream().filter(l -> l.contains("bad.jpg")).findFirst().get();
		assertTrue(bad.contains(",failed,") && bad.contains("bad.jpg:"), bad);
		for (int i = 0; i < 4; i++) {
			String row = rows.get(2 + i);
			assertTrue(row.contains("f" + i + ".jpg,restored," + (15 + 10 * i) + ",file,"), row);
			assertEquals(TestModels.restoreLuma(JpegCodec.decode(Files.readAllBytes(in.resolve("f" + i + ".jpg"))), 15 + 10 * i, 0),
				ImageFiles.read(out.resolve("f" + i + "-restored.png")), "f" + i + " at its own QF");
		}
		assertFalse(Files.exists(out.resolve("bad-restored.png")), "no output for a failed file");
		// a rerun skips what exists, never overwrites, and appends to the log
		Files.writeString(out.resolve("f2-restored.png"), "keep me");
		CliTest.Run again = run("batch", "--out", out, "--model", CliTest.TINY, "--device", "cpu", in);
		assertEquals(1, again.code);
		assertTrue(again.out.contains("restored 0, skipped 4, failed 1"), again.out);
		assertEquals("keep me", Files.readString(out.resolve("f2-restored.png")));
		assertEquals(11, log(out.resolve("restore-log.csv")).size(), "one header, five rows per run");
	}

	@Test
	void partsSplitTheFilesWithoutOverlap() throws Exception {
		Path in = folder(), out = dir.resolve("out");
		Files.delete(in.resolve("bad.jpg"));
		for (int k = 1; k <= 3; k++) assertEquals(0, run("batch", "--out", out, "--model", CliTest.TINY, "--part", k + "/3", in).code);
		List<String> names;
		try (java.util.stream.Stream<Path> s = Files.list(out)) {
			names = s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
		assertEquals(List.of("f0-restored.png", "f1-restored.png", "f2-restored.png", "f3-restored.png",
			"restore-log-1-of-3.csv", "restore-log-2-of-3.csv", "restore-log-3-of-3.csv"), names);
		int rows = 0;
		for (int k = 1; k <= 3; k++) rows += log(out.resolve("restore-log-" + k + "-of-3.csv")).size() - 1;
		assertEquals(4, rows, "every file in exactly one part");
		CliTest.assertFails(2, run("batch", "--out", out, "--part", "4/3", in), "--part");
		CliTest.assertFails(2, run("batch", "--out", out, dir.resolve("nowhere")), "no such file or folder");
	}

	/** One bad image no longer costs the whole table: the others are measured and written, and the exit code says so. */
	@Test
	void benchmarkKeepsTheGoodRowsWhenOneImageIsBad() throws Exception {
		Path data = Files.createDirectories(dir.resolve("set"));
		for (int i = 0; i < 3; i++) ImageFiles.write(TestData.synthetic(48, 40, 1, i), data.resolve("i" + i + ".png"), false);
		Files.writeString(data.resolve("broken.png"), "no PNG here");
		Path csv = dir.resolve("b.csv");
		CliTest.Run r = run("benchmark", "--data", data, "--qf", "10,30", "--model", "jpeg", "--csv", csv);
		CliTest.assertFails(1, r, "1 image(s) could not be measured");
		assertTrue(r.err.contains("broken.png"), r.err);
		List<String> rows = Files.readAllLines(csv);
		assertEquals(1 + 2 * (3 + 1), rows.size(), "header, then three images and a mean per QF");
		assertTrue(rows.stream().noneMatch(l -> l.contains("broken")));
	}
}
