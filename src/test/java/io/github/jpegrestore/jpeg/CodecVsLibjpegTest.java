package io.github.jpegrestore.jpeg;

import io.github.jpegrestore.JpegRestoreException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.jpegrestore.TestData;

/**
 * The codec against libjpeg-turbo, pixel for pixel. Fixtures were written and decoded by Pillow's
 * libjpeg (make_fixtures.py beside them); the last test calls Debian's cjpeg/djpeg when present.
 */
class CodecVsLibjpegTest {
	static Image8 png(String name) {
		return ImageFiles.read(TestData.fixture(name));
	}

	static void assertSamePixels(Image8 expected, Image8 actual, String what) {
		assertEquals(expected.toString(), actual.toString(), what + ": size/type");
		int diff = 0, max = 0;
		for (int i = 0; i < expected.data.length; i++) {
			int d = Math.abs((expected.data[i] & 0xff) - (actual.data[i] & 0xff));
			if (d != 0) diff++;
			max = Math.max(max, d);
		}
		assertEquals(0, diff, what + ": " + diff + " samples differ (max " + max + ")");
	}

	@ParameterizedTest
	@ValueSource(strings = { "gray-q5", "gray-q37", "gray-q90", "rgb420-q5", "rgb420-q37", "rgb420-q90",
		"rgb444-q5", "rgb444-q37", "rgb444-q90", "gray-double-30-70-s3x5", "rgb420-double-30-70-s3x5", "foreign" })
	void decodesLibjpegFilesLikeLibjpeg(String name) {
		assertSamePixels(png(name + "-dec.png"), JpegCodec.decode(TestData.bytes(name + ".jpg")), name);
	}

	@ParameterizedTest
	@ValueSource(strings = { "gray-q5", "gray-q37", "gray-q90", "rgb420-q5", "rgb420-q37", "rgb420-q90",
		"rgb444-q5", "rgb444-q37", "rgb444-q90" })
	void encodesLikeLibjpeg(String name) {
		int qf = Integer.parseInt(name.substring(name.indexOf("-q") + 2));
		Subsampling sub = name.startsWith("rgb444") ? Subsampling.S444 : Subsampling.S420;
		Image8 src = png(name + "-src.png");
		assertEquals(37, src.width);
		assertEquals(53, src.height);
		assertSamePixels(png(name + "-dec.png"), JpegCodec.roundTrip(src, qf, sub), name);
	}

	@ParameterizedTest
	@ValueSource(strings = { "gray", "rgb420" })
	void doubleJpegWithShiftLikeLibjpeg(String kind) {
		String name = kind + "-double-30-70-s3x5";
		Image8 src = png(name + "-src.png");
		Image8 ours = JpegCodec.decode(JpegCodec.compressDouble(src, 30, 70, 3, 5, Subsampling.S420));
		assertEquals(src.width - 3, ours.width);
		assertEquals(src.height - 5, ours.height);
		assertSamePixels(png(name + "-dec.png"), ours, name);
	}

	@Test
	void shiftOutsideRangeIsRefused() {
		Image8 src = TestData.synthetic(16, 16, 1, 3);
		assertThrows(IllegalArgumentException.class, () -> JpegCodec.compressDouble(src, 30, 70, 8, 0, Subsampling.S420));
		assertThrows(IllegalArgumentException.class, () -> JpegCodec.compressDouble(src, 30, 70, 0, -1, Subsampling.S420));
	}

	@Test
	void truncatedJpegIsAnError() {
		byte[] b = TestData.bytes("rgb420-q90.jpg");
		assertThrows(JpegRestoreException.class, () -> JpegCodec.decode(Arrays.copyOf(b, b.length * 2 / 3)));
	}

	/** Our files decoded by Debian's djpeg, and cjpeg's files decoded by us, across QFs and sizes. */
	@Test
	void agreesWithDjpegAndCjpeg() throws Exception {
		Assumptions.assumeTrue(onPath("djpeg") && onPath("cjpeg"), "djpeg/cjpeg not installed (Debian libjpeg-turbo-progs): skipped");
		Path dir = Files.createTempDirectory("libjpeg");
		int[][] sizes = { { 37, 53 }, { 1, 1 }, { 17, 9 }, { 64, 48 } };
		for (int[] s : sizes)
			for (int channels : new int[] { 1, 3 })
				for (int qf : new int[] { 1, 10, 50, 75, 95, 100 }) {
					Image8 src = TestData.synthetic(s[0], s[1], channels, qf * 7 + channels);
					for (Subsampling sub : channels == 1 ? new Subsampling[] { Subsampling.S420 } : Subsampling.values()) {
						String what = s[0] + "x" + s[1] + "x" + channels + " QF " + qf + " " + sub.label;
						byte[] ours = JpegCodec.compress(src, qf, sub);
						Path f = dir.resolve("ours.jpg");
						Files.write(f, ours);
						assertSamePixels(djpeg(f, dir), JpegCodec.decode(ours), "djpeg of ours, " + what);
						Path in = dir.resolve(channels == 1 ? "src.pgm" : "src.ppm");
						Pnm.write(src, in);
						Path cj = dir.resolve("cjpeg.jpg");
						run("cjpeg", "-baseline", "-quality", Integer.toString(qf), "-sample", sub == Subsampling.S444 ? "1x1" : "2x2",
							"-outfile", cj.toString(), in.toString());
						assertSamePixels(djpeg(cj, dir), JpegCodec.roundTrip(src, qf, sub), "cjpeg vs ours, " + what);
					}
				}
	}

	static Image8 djpeg(Path jpg, Path dir) throws Exception {
		Path out = dir.resolve("out.pnm");
		run("djpeg", "-pnm", "-outfile", out.toString(), jpg.toString());
		return Pnm.read(out);
	}

	static boolean onPath(String exe) {
		for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
			if (Files.isExecutable(Path.of(d, exe))) return true;
		return false;
	}

	static void run(String... cmd) throws IOException, InterruptedException {
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		String log = new String(p.getInputStream().readAllBytes());
		if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " failed: " + log);
	}
}
