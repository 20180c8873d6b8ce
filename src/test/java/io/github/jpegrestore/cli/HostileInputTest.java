package io.github.jpegrestore.cli;

import static io.github.jpegrestore.cli.CliTest.assertFails;
import static io.github.jpegrestore.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.github.jpegrestore.TestData;
import io.github.jpegrestore.TestModels;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.Subsampling;

/** Regression tests for issue 22 (hostile input, part 2), items 2, 3, 5 (empty log), 6 and 7. */
class HostileInputTest {
	@TempDir Path dir;

	Path jpeg(String name) throws Exception {
		Path p = dir.resolve(name);
		Files.write(p, JpegCodec.compress(TestData.synthetic(64, 48, 1, 5), 30, Subsampling.S420));
		return p;
	}

	/** Item 2: OUTPUT = INPUT is refused even with --overwrite, and the input keeps its bytes. */
	@Test
	void outputThatIsTheInputIsRefusedEvenWithOverwrite() throws Exception {
		Path png = dir.resolve("a.png");
		io.github.jpegrestore.jpeg.ImageFiles.write(TestData.synthetic(64, 48, 1, 2), png, false);
		byte[] before = Files.readAllBytes(png);
		assertFails(2, run("restore", "--model", TestModels.tinyCardPath(), "--overwrite", png, png), "is the input file");
		assertFails(2, run("restore", "--model", TestModels.tinyCardPath(), "--overwrite", png, dir.resolve(".").resolve("a.png")), "is the input file");
		Path jpg = jpeg("b.jpg");
		byte[] jbefore = Files.readAllBytes(jpg);
		assertFails(2, run("compress", "--qf", "20", "--overwrite", jpg, jpg), "is the input file");
		assertArrayEquals(before, Files.readAllBytes(png));
		assertArrayEquals(jbefore, Files.readAllBytes(jpg));
	}

	/** Item 3: a batch whose --out is its input folder, run twice, does not restore its own outputs. */
	@Test
	void batchIntoItsInputFolderSkipsItsOwnOutputs() throws Exception {
		jpeg("a.jpg");
		CliTest.Run first = run("batch", "--model", TestModels.tinyCardPath(), "--out", dir, dir);
		assertEquals(0, first.code, first.err);
		assertTrue(Files.exists(dir.resolve("a-restored.png")));
		CliTest.Run second = run("batch", "--model", TestModels.tinyCardPath(), "--out", dir, dir);
		assertEquals(0, second.code, second.err);
		assertFalse(Files.exists(dir.resolve("a-restored-restored.png")), "its own output is not an input");
		List<String> log = Files.readAllLines(dir.resolve("restore-log.csv"), StandardCharsets.UTF_8);
		assertEquals(3, log.size(), "header, a restored, a skipped: " + log);
	}

	/** Item 5: a batch with an unknown model leaves no empty log; the next run's log has its header. */
	@Test
	void batchWithUnknownModelLeavesNoHeaderlessLog() throws Exception {
		jpeg("a.jpg");
		Path out = dir.resolve("out");
		assertFails(2, run("batch", "--model", "nosuch", "--out", out, dir), "nosuch");
		assertFalse(Files.exists(out.resolve("restore-log.csv")) && Files.size(out.resolve("restore-log.csv")) == 0, "no empty log left");
		Files.createDirectories(out);
		Files.write(out.resolve("restore-log.csv"), new byte[0]); // one left by an older version
		assertEquals(0, run("batch", "--model", TestModels.tinyCardPath(), "--out", out, dir).code);
		assertTrue(Files.readAllLines(out.resolve("restore-log.csv")).get(0).startsWith("file,status,"), "header written into the empty log");
	}

	/** Copies the tiny card into this test's folder with one change. */
	Path card(String key, com.google.gson.JsonElement value) throws Exception {
		Path src = TestModels.tinyCardPath();
		JsonObject j = JsonParser.parseString(Files.readString(src)).getAsJsonObject();
		j.add(key, value);
		Files.copy(src.resolveSibling(j.get("file").isJsonPrimitive() && !key.equals("file") ? j.get("file").getAsString() : "tiny.pt"),
			dir.resolve("tiny.pt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		Path c = dir.resolve("card.json");
		Files.writeString(c, j.toString());
		return c;
	}

	/** Item 6: weights must lie in the card's own folder. */
	@Test
	void weightsOutsideTheCardsFolderAreRefused() throws Exception {
		Path in = jpeg("a.jpg");
		for (String w : new String[] { "../../etc/passwd", "/etc/passwd", "sub/tiny.pt", ".." }) {
			Path c = card("file", new com.google.gson.JsonPrimitive(w));
			assertFails(1, run("restore", "--model", c, in, dir.resolve("o.png")), "the card's own folder");
		}
	}

	/** Item 7: deep nesting, huge cards, absurd numbers and control characters give one clear line. */
	@Test
	void abusiveCardsGiveOneLine() throws Exception {
		Path in = jpeg("a.jpg"), out = dir.resolve("o.png");
		Path deep = dir.resolve("deep.json");
		Files.writeString(deep, "[".repeat(200_000) + "]".repeat(200_000));
		CliTest.Run r = run("restore", "--model", deep, in, out);
		assertFails(1, r, "not a model card");
		Path huge = dir.resolve("huge.json");
		Files.writeString(huge, "[" + "1,".repeat(3_000_000) + "1]");
		r = run("restore", "--model", huge, in, out);
		assertFails(1, r, "not a model card");
		assertTrue(r.err.length() < 400, "the card is not echoed: " + r.err.length() + " characters");
		for (Object[] bad : new Object[][] { { "halo", 2147483647 }, { "size_multiple", 0 }, { "size_multiple", 1000000 }, { "halo", -3 } }) {
			Path c = card((String) bad[0], new com.google.gson.JsonPrimitive((Integer) bad[1]));
			assertFails(1, run("restore", "--model", c, in, out), "'" + bad[0] + "' must be a whole number");
		}
		Path c = card("name", new com.google.gson.JsonPrimitive("evil\u001b[2J\nname"));
		r = run("restore", "--model", c, in, out);
		assertFails(1, r, "printable characters");
		assertFalse(r.err.contains("\u001b"), "no raw ESC on the terminal");
	}

	/** Item 5: a file whose name holds a newline is an input like any other (a row in the log). */
	@Test
	void aNewlineInAFileNameIsAnInputToo() throws Exception {
		org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
		Path odd = dir.resolve("odd\nname.jpg");
		Files.write(odd, Files.readAllBytes(jpeg("plain.jpg")));
		List<Path> files = io.github.jpegrestore.restore.BatchRun.collect(List.of(dir));
		assertTrue(files.contains(odd.toAbsolutePath().normalize()), files.toString());
		Path out = dir.resolve("out");
		assertEquals(0, run("batch", "--model", TestModels.tinyCardPath(), "--out", out, dir).code);
		assertEquals(3, Files.readAllLines(out.resolve("restore-log.csv")).size(), "header and two rows");
	}

	/** Item 8: --out that is a file is one sentence, not an exception's name. */
	@Test
	void batchOutThatIsAFileIsOneSentence() throws Exception {
		jpeg("a.jpg");
		Path file = dir.resolve("taken");
		Files.writeString(file, "x");
		CliTest.Run r = run("batch", "--model", TestModels.tinyCardPath(), "--out", file, dir);
		assertFails(2, r, "is a file; --out takes a folder");
		assertFalse(r.err.contains("Exception"), r.err);
	}

	/** Item 10: a macro saved with a byte-order mark runs; a failing command gives one stderr line, not two. */
	@Test
	void macroRunnerTakesABomAndReportsAFailureOnce() throws Exception {
		Path in = jpeg("a.jpg"), out = dir.resolve("o.png"), m = dir.resolve("m.ijm");
		Files.writeString(m, "\uFEFFopen(\"" + in + "\");\nprint(\"ran\");\n");
		CliTest.Run ok = run("macro", m);
		assertEquals(0, ok.code, ok.err);
		Files.writeString(m, io.github.jpegrestore.ij.FailedCommandStopsMacroTestAccess.macro(in, "qf=500 device=cpu", out));
		java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
		java.io.PrintStream old = System.err;
		System.setErr(new java.io.PrintStream(err, true));
		CliTest.Run r;
		try {
			r = run("macro", m);
		} finally {
			System.setErr(old);
		}
		assertFails(1, r, "quality must be 1..100");
		assertEquals("", err.toString().strip(), "the command itself printed nothing more on stderr");
	}

	/** Items 8 and 9: a DQT cut short, a JPEG without DQT, update-site into a file: one sentence each. */
	@Test
	void brokenHeadersAndTargetsAreOneSentence() throws Exception {
		byte[] jpg = Files.readAllBytes(jpeg("a.jpg"));
		int dqt = 2;
		while (!((jpg[dqt] & 0xff) == 0xFF && (jpg[dqt + 1] & 0xff) == 0xDB)) dqt++;
		// the DQT segment claims 10 bytes and the file ends inside its table
		byte[] cut = java.util.Arrays.copyOf(jpg, dqt + 12);
		cut[dqt + 2] = 0;
		cut[dqt + 3] = 10;
		Path c = dir.resolve("cut.jpg");
		Files.write(c, cut);
		CliTest.Run r = run("qf", c);
		assertFails(1, r, "truncated");
		assertFalse(r.err.contains("Exception"), r.err);
		r = run("restore", "--model", TestModels.tinyCardPath(), c, dir.resolve("o.png"));
		assertFails(1, r, "truncated");
		// a JPEG with its DQT segment removed
		int len = ((jpg[dqt + 2] & 0xff) << 8) | (jpg[dqt + 3] & 0xff);
		byte[] noDqt = new byte[jpg.length - 2 - len];
		System.arraycopy(jpg, 0, noDqt, 0, dqt);
		System.arraycopy(jpg, dqt + 2 + len, noDqt, dqt, jpg.length - dqt - 2 - len);
		Path n = dir.resolve("nodqt.jpg");
		Files.write(n, noDqt);
		assertFails(1, run("qf", n), "without quantization tables");
		Path file = dir.resolve("site-file");
		Files.writeString(file, "x");
		assertFails(2, run("update-site", file), "is a file");
	}

	/** Item 9: an output name of 255 bytes is written; 256 are refused before any work. */
	@Test
	void longestOutputNamesWork() throws Exception {
		Path in = jpeg("a.jpg");
		Path longest = dir.resolve("n".repeat(251) + ".png"), tooLong = dir.resolve("n".repeat(252) + ".png");
		CliTest.Run r = run("restore", "--model", TestModels.tinyCardPath(), in, longest);
		org.junit.jupiter.api.Assumptions.assumeFalse(r.err.contains("File name too long") && !Files.exists(dir), "file system takes 255 bytes");
		assertEquals(0, r.code, r.err);
		assertTrue(Files.exists(longest));
		assertFails(2, run("restore", "--model", TestModels.tinyCardPath(), in, tooLong), "longer than 255 bytes");
	}

	/** Item 9: a gray + alpha PNG is gray (alpha dropped), as README promises: gray in, gray out. */
	@Test
	void grayAlphaPngStaysGray() throws Exception {
		java.awt.color.ColorSpace gray = java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_GRAY);
		java.awt.image.ComponentColorModel cm = new java.awt.image.ComponentColorModel(gray, true, false,
			java.awt.Transparency.TRANSLUCENT, java.awt.image.DataBuffer.TYPE_BYTE);
		java.awt.image.WritableRaster r = cm.createCompatibleWritableRaster(40, 32);
		for (int y = 0; y < 32; y++)
			for (int x = 0; x < 40; x++) {
				r.setSample(x, y, 0, (x * 5 + y * 3) & 255);
				r.setSample(x, y, 1, 200);
			}
		Path p = dir.resolve("ga.png");
		javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(cm, r, false, null), "png", p.toFile());
		io.github.jpegrestore.jpeg.Image8 img = io.github.jpegrestore.jpeg.ImageFiles.read(p);
		assertEquals(1, img.channels);
		assertEquals((7 * 5 + 3 * 3) & 255, img.data[3 * 40 + 7] & 255);
		Path out = dir.resolve("ga-restored.png");
		assertEquals(0, run("restore", "--model", TestModels.tinyCardPath(), p, out).code);
		assertEquals(1, io.github.jpegrestore.jpeg.ImageFiles.read(out).channels, "written gray");
	}

	/**
	 * Item 4: smooth periodic patterns repeat a few blocks, which once "showed" an earlier QF 1-22
	 * compression on a shifted grid and were restored 2-11 dB below the JPEG; without evidence
	 * that scales with the image the file's own QF is used.
	 */
	@Test
	void periodicPatternsAreNoDoubleJpeg() throws Exception {
		java.util.function.IntBinaryOperator[] patterns = {
			(x, y) -> (int) Math.round(128 + 60 * Math.sin(2 * Math.PI * x / 16) * Math.cos(2 * Math.PI * y / 16)),
			(x, y) -> (int) Math.round(128 + 60 * Math.sin(2 * Math.PI * x / 8) * Math.cos(2 * Math.PI * y / 8)),
			(x, y) -> (int) Math.round(128 + 80 * Math.sin(2 * Math.PI * (x + y) / 32)),
			(x, y) -> (int) Math.round(128 + 50 * Math.cos(2 * Math.PI * x / 4) + 20 * Math.cos(2 * Math.PI * y / 8)) };
		for (java.util.function.IntBinaryOperator f : patterns) {
			io.github.jpegrestore.jpeg.Image8 img = new io.github.jpegrestore.jpeg.Image8(64, 64, 1);
			for (int y = 0; y < 64; y++)
				for (int x = 0; x < 64; x++) img.set(x, y, 0, Math.max(0, Math.min(255, f.applyAsInt(x, y))));
			io.github.jpegrestore.jpeg.Image8 dec = io.github.jpegrestore.jpeg.JpegCodec.roundTrip(img, 50, Subsampling.S420);
			assertEquals(null, io.github.jpegrestore.analysis.QfEstimator.strongerShiftedCompression(dec, 50), "no earlier compression claimed");
		}
	}
}
