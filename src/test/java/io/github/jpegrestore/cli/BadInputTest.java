package io.github.jpegrestore.cli;

import static io.github.jpegrestore.cli.CliTest.assertFails;
import static io.github.jpegrestore.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.jpegrestore.TestData;
import io.github.jpegrestore.inference.Tiler;
import io.github.jpegrestore.jpeg.ImageFiles;

/** Regression tests for what failed when the suite was tried with bad or unusual input (issue 9). */
class BadInputTest {
	@TempDir Path dir;

	static boolean posix() {
		return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
	}

	/** Two writers racing to one output: exactly one wins, the other is told it exists; the winner's bytes stay. */
	@Test
	void racingWritersNeverReplaceEachOther() throws Exception {
		ExecutorService ex = Executors.newFixedThreadPool(8);
		try {
			for (int round = 0; round < 20; round++) {
				Path out = dir.resolve("race" + round + ".bin");
				List<Future<String>> fs = new ArrayList<>();
				for (int t = 0; t < 8; t++) {
					byte[] mine = ("writer " + t).getBytes();
					fs.add(ex.submit(() -> {
						try {
							ImageFiles.writeBytes(mine, out, false);
							return new String(mine);
						} catch (IllegalArgumentException e) {
							assertTrue(e.getMessage().contains("exists"), e.getMessage());
							return null;
						}
					}));
				}
				List<String> winners = new ArrayList<>();
				for (Future<String> f : fs) if (f.get() != null) winners.add(f.get());
				assertEquals(1, winners.size(), "exactly one writer succeeds");
				assertEquals(winners.get(0), Files.readString(out), "the winner's file is not replaced");
			}
		} finally {
			ex.shutdown();
		}
		try (Stream<Path> s = Files.list(dir)) {
			assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary files left");
		}
	}

	/** Outputs get the umask's permissions like any file the user writes (not 0600). */
	@Test
	void outputsAreReadableByColleagues() throws Exception {
		Assumptions.assumeTrue(posix(), "POSIX permissions");
		Path src = dir.resolve("src.png");
		ImageFiles.write(TestData.synthetic(64, 64, 1, 1), src, false);
		Path jpg = dir.resolve("o.jpg"), csv = dir.resolve("p.csv");
		assertEquals(0, run("compress", "--qf", 30, src, jpg).code);
		assertEquals(0, run("dct", jpg, dir.resolve("d")).code);
		assertEquals(0, run("patches", src, "--csv", csv).code);
		// the permissions a new file gets here (umask), against which the outputs are compared
		Path probe = Files.createFile(dir.resolve("probe"));
		Set<PosixFilePermission> expected = Files.getPosixFilePermissions(probe);
		for (Path p : new Path[] { jpg, csv, dir.resolve("d-blocks.tif"), dir.resolve("d-nonzero.csv") })
			assertEquals(expected, Files.getPosixFilePermissions(p), p.getFileName().toString());
	}

	/** A FIFO would block forever and /dev/urandom never ends: refused at once, by name. */
	@Test
	void pipesAndDevicesAreRefusedAtOnce() throws Exception {
		Assumptions.assumeTrue(posix() && Files.isExecutable(Path.of("/usr/bin/mkfifo")), "mkfifo");
		Path fifo = dir.resolve("in.jpg");
		assertEquals(0, new ProcessBuilder("/usr/bin/mkfifo", fifo.toString()).start().waitFor());
		long t0 = System.nanoTime();
		assertFails(1, run("restore", "--model", CliTest.TINY, fifo, dir.resolve("o.png")), "not a regular file");
		assertFails(1, run("qf", fifo), "not a regular file");
		if (Files.exists(Path.of("/dev/urandom"))) assertFails(1, run("metrics", "/dev/urandom", "/dev/urandom"), "not a regular file");
		assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(30), "no hang");
	}

	/** dct writes its three outputs or none: a failure on the last removes the first two. */
	@Test
	void dctLeavesNothingWhenALaterOutputFails() throws Exception {
		Path src = dir.resolve("s.png");
		ImageFiles.write(TestData.synthetic(32, 32, 1, 2), src, false);
		// a prefix whose -nonzero.csv temporary name is one byte over the file system's 255-byte limit
		String prefix = "p".repeat(255 - 23 - 12 + 1);
		CliTest.Run r = run("dct", src, dir.resolve(prefix));
		Assumptions.assumeTrue(r.code != 0, "this file system allows names over 255 bytes");
		assertFails(1, r, "cannot write");
		try (Stream<Path> s = Files.list(dir)) {
			assertEquals(List.of("s.png"), s.map(p -> p.getFileName().toString()).sorted().collect(java.util.stream.Collectors.toList()), "no output and no temporary file left");
		}
	}

	@Test
	void tileSizesOutsideTheUsefulRangeAreRefused() throws Exception {
		Path src = dir.resolve("s.png");
		ImageFiles.write(TestData.synthetic(32, 32, 1, 3), src, false);
		for (String t : new String[] { "2147483647", "63", "1", "-5" })
			assertFails(2, run("restore", "--model", CliTest.TINY, "--tile", t, src, dir.resolve("o" + t + ".png")), "64..8192");
		assertEquals(0, run("restore", "--model", CliTest.TINY, "--qf", 30, "--tile", 64, src, dir.resolve("ok.png")).code);
	}

	/** A truncated JPEG is refused, naming the file; multi-page files are refused, not cut to their first page. */
	@Test
	void truncatedAndMultiPageInputsAreRefusedByName() throws Exception {
		byte[] jpg = io.github.jpegrestore.jpeg.JpegCodec.compress(TestData.synthetic(64, 64, 1, 4), 30, io.github.jpegrestore.jpeg.Subsampling.S420);
		Path cut = dir.resolve("cut.jpg");
		Files.write(cut, java.util.Arrays.copyOf(jpg, jpg.length / 2));
		assertFails(1, run("restore", "--model", CliTest.TINY, cut, dir.resolve("o.png")), "cut.jpg: ");
		assertFails(1, run("metrics", cut, cut), "cut.jpg");
		Path tif = dir.resolve("stack.tif");
		ij.ImageStack st = new ij.ImageStack(32, 32);
		st.addSlice(new ij.process.ByteProcessor(32, 32));
		st.addSlice(new ij.process.ByteProcessor(32, 32));
		assertTrue(new ij.io.FileSaver(new ij.ImagePlus("s", st)).saveAsTiffStack(tif.toString()));
		assertFails(1, run("restore", "--model", CliTest.TINY, "--qf", 30, tif, dir.resolve("o2.png")), "2 pages");
	}

	/** EXIF orientation: restored as stored (the 8x8 grid is in stored orientation), with a note. */
	@Test
	void exifOrientationIsReportedAndPixelsStayAsStored() throws Exception {
		byte[] jpg = io.github.jpegrestore.jpeg.JpegCodec.compress(TestData.synthetic(48, 32, 1, 5), 30, io.github.jpegrestore.jpeg.Subsampling.S420);
		// APP1 "Exif": big-endian TIFF header, IFD0 with one entry, Orientation (0x0112) = 6 (rotate 90 for display)
		byte[] tiff = { 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0 };
		java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
		o.write(jpg, 0, 2);
		int len = 2 + 6 + tiff.length;
		o.write(new byte[] { (byte) 0xFF, (byte) 0xE1, (byte) (len >> 8), (byte) len, 'E', 'x', 'i', 'f', 0, 0 });
		o.write(tiff);
		o.write(jpg, 2, jpg.length - 2);
		Path f = dir.resolve("rotated.jpg");
		Files.write(f, o.toByteArray());
		assertEquals(6, io.github.jpegrestore.jpeg.JpegInfo.parse(o.toByteArray()).orientation);
		assertEquals(1, io.github.jpegrestore.jpeg.JpegInfo.parse(jpg).orientation);
		CliTest.Run r = run("restore", "--model", CliTest.TINY, f, dir.resolve("r.png"));
		assertEquals(0, r.code, r.err);
		assertTrue(r.out.contains("EXIF orientation is 6"), r.out);
		assertEquals("48x32 gray", ImageFiles.read(dir.resolve("r.png")).toString(), "as stored, not rotated");
	}

	/** A 65536 x 8 strip is cut into a few long tiles, not hundreds of halo-dominated squares. */
	@Test
	void thinImagesGetLongTiles() {
		Tiler t = new Tiler(512, 112, 16, 1, 1);
		assertEquals(4, t.tileCount(65536, 8));
		assertEquals(4, t.tileCount(8, 65536));
		assertEquals(16, t.tileCount(2048, 2048));
	}
}
