package io.github.jpegrestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.jpegrestore.TestData;
import io.github.jpegrestore.restore.Benchmark;
import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.jpeg.Image8;

class CliTest {
	@TempDir Path dir;

	static final class Run {
		final int code;
		final String out, err;

		Run(int code, String out, String err) {
			this.code = code;
			this.out = out;
			this.err = err;
		}
	}

	static Run run(Object... args) {
		StringWriter o = new StringWriter(), e = new StringWriter();
		String[] a = Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
		int code = Main.execute(a, new PrintWriter(o, true), new PrintWriter(e, true));
		return new Run(code, o.toString(), e.toString());
	}

	/** Failure contract: the exit code, exactly one line on stderr, no stack trace. */
	static void assertFails(int code, Run r, String fragment) {
		assertEquals(code, r.code, "exit code; stderr: " + r.err);
		String[] lines = r.err.strip().split("\n");
		assertEquals(1, lines.length, "one line on stderr, got: " + r.err);
		assertTrue(lines[0].startsWith("jpeg-restore: "), r.err);
		assertTrue(r.err.contains(fragment), "stderr should mention '" + fragment + "': " + r.err);
		assertFalse(r.err.contains("\tat "), "no stack trace");
	}

	Path image(String name, Image8 im) {
		Path p = dir.resolve(name);
		ImageFiles.write(im, p, false);
		return p;
	}

	List<String> files() throws Exception {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}

	@Test
	void compressThenQfThenMetrics() throws Exception {
		Path src = image("src.png", TestData.synthetic(64, 48, 3, 1));
		Path jpg = dir.resolve("out.jpg");
		Run c = run("compress", "--qf", 33, "--subsampling", "444", src, jpg);
		assertEquals(0, c.code, c.err);
		Run q = run("qf", jpg);
		assertEquals(0, q.code, q.err);
		assertEquals("table=0 qf=33 ijg=true\ntable=1 qf=33 ijg=true", q.out.strip());
		Run m = run("metrics", src, jpg);
		assertEquals(0, m.code, m.err);
		assertTrue(m.out.strip().matches("psnr=\\d+\\.\\d{4} ssim=0\\.\\d{4} psnrb=\\d+\\.\\d{4}"), m.out);
		Run same = run("metrics", "--y", "none", "--ssim", "uniform8", src, src);
		assertEquals("psnr=Infinity ssim=1.0000 psnrb=Infinity", same.out.strip());
	}

	@Test
	void doubleCompressionShrinksByTheShift() {
		Path src = image("src.png", TestData.synthetic(40, 40, 1, 2));
		Path jpg = dir.resolve("d.jpg");
		assertEquals(0, run("compress", "--qf", 30, "--then-qf", 80, "--shift", "3,5", src, jpg).code);
		Image8 d = ImageFiles.read(jpg);
		assertEquals(37, d.width);
		assertEquals(35, d.height);
	}

	@Test
	void badArgumentsExitTwo() throws Exception {
		Path src = image("src.png", TestData.synthetic(32, 32, 1, 3));
		assertFails(2, run("compress", "--qf", 0, src, dir.resolve("a.jpg")), "1..100");
		assertFails(2, run("compress", "--qf", 101, src, dir.resolve("a.jpg")), "1..100");
		assertFails(2, run("compress", "--qf", 50, "--then-qf", 60, "--shift", "8,0", src, dir.resolve("a.jpg")), "0..7");
		assertFails(2, run("compress", "--qf", 50, "--subsampling", "422", src, dir.resolve("a.jpg")), "one of 420, 444");
		assertFails(2, run("compress", "--qf", "abc", src, dir.resolve("a.jpg")), "abc");
		assertFails(2, run("compress", src, dir.resolve("a.jpg")), "--qf");
		assertFails(2, run("frobnicate"), "frobnicate");
		assertFails(2, run(), "command");
		Path small = image("small.png", TestData.synthetic(32, 31, 1, 4));
		assertFails(2, run("metrics", src, small), "differ in size");
		Path tiny = image("tiny.png", TestData.synthetic(9, 9, 1, 5));
		assertFails(2, run("metrics", tiny, tiny), "SSIM window");
		assertEquals(Arrays.asList("small.png", "src.png", "tiny.png"), files(), "no output left behind");
	}

	@Test
	void existingOutputIsRefusedUnlessOverwrite() throws Exception {
		Path src = image("src.png", TestData.synthetic(32, 32, 1, 3));
		Path out = dir.resolve("out.jpg");
		Files.write(out, new byte[] { 1, 2, 3 });
		assertFails(2, run("compress", "--qf", 50, src, out), "--overwrite");
		assertEquals(3, Files.size(out), "untouched");
		assertEquals(0, run("compress", "--qf", 50, "--overwrite", src, out).code);
		assertTrue(Files.size(out) > 3);
		assertEquals(Arrays.asList("out.jpg", "src.png"), files());
	}

	@Test
	void badDataExitsOne() throws Exception {
		Path text = dir.resolve("notes.png");
		Files.writeString(text, "not an image");
		assertFails(1, run("compress", "--qf", 50, text, dir.resolve("a.jpg")), "not an image");
		byte[] jpg = TestData.bytes("rgb420-q90.jpg");
		Path cut = dir.resolve("cut.jpg");
		Files.write(cut, Arrays.copyOf(jpg, jpg.length / 2));
		assertFails(1, run("compress", "--qf", 50, cut, dir.resolve("b.jpg")), "JPEG");
		assertFails(1, run("metrics", dir.resolve("missing.png"), cut), "no such file");
		assertFails(1, run("qf", text), "not a JPEG");
		BufferedImage deep = new BufferedImage(16, 16, BufferedImage.TYPE_USHORT_GRAY);
		deep.getRaster().setSample(3, 3, 0, 40000);
		Path tif = dir.resolve("deep.tif");
		assertTrue(ImageIO.write(deep, "tiff", tif.toFile()));
		assertFails(1, run("compress", "--qf", 50, tif, dir.resolve("c.jpg")), "16-bit");
		assertEquals(Arrays.asList("cut.jpg", "deep.tif", "notes.png"), files(), "no output left behind");
	}

	@Test
	void benchmarkWritesTheCsvContract() throws Exception {
		Path data = Files.createDirectory(dir.resolve("set"));
		ImageFiles.write(TestData.synthetic(48, 40, 1, 1), data.resolve("a.png"), false);
		ImageFiles.write(TestData.synthetic(40, 48, 1, 2), data.resolve("b.png"), false);
		Path csv = dir.resolve("b.csv");
		Run r = run("benchmark", "--data", data, "--qf", "10,50", "--model", "jpeg", "--csv", csv);
		assertEquals(0, r.code, r.err);
		List<String> lines = Files.readAllLines(csv);
		assertEquals("dataset,model,qf,image,psnr,ssim,psnrb,megapixels_per_second", lines.get(0));
		assertEquals(1 + 2 * 3, lines.size());
		assertTrue(lines.get(1).startsWith("set,jpeg,10,a.png,"), lines.get(1));
		assertTrue(lines.get(3).startsWith("set,jpeg,10,mean,"), lines.get(3));
		assertTrue(lines.get(6).startsWith("set,jpeg,50,mean,"), lines.get(6));
		double p10 = Double.parseDouble(lines.get(3).split(",")[4]), p50 = Double.parseDouble(lines.get(6).split(",")[4]);
		assertTrue(p50 > p10 + 1, "higher quality, higher PSNR");
		assertTrue(r.out.contains("set") && r.out.contains("PSNR-B"));
		assertFails(2, run("benchmark", "--data", dir.resolve("nowhere"), "--model", "jpeg"), "no such folder");
		assertFails(2, run("benchmark", "--data", data, "--model", "magic"), "'magic'");
		assertFails(2, run("benchmark", "--data", data, "--qf", "10,0"), "1..100");
	}

	@Test
	void ensembleIsNamedInTheCsv() throws Exception {
		Path data = Files.createDirectory(dir.resolve("eset"));
		ImageFiles.write(TestData.synthetic(45, 37, 1, 1), data.resolve("a.png"), false);
		Path csv = dir.resolve("e.csv");
		Run r = run("benchmark", "--data", data, "--qf", "20", "--model", TINY, "--ensemble", "--device", "cpu", "--csv", csv);
		assertEquals(0, r.code, r.err);
		assertTrue(Files.readAllLines(csv).get(1).startsWith("eset,tiny+ens,20,a.png,"), Files.readAllLines(csv).get(1));
	}

	/** The blind model from the command line: benchmark under its own prediction and on double JPEG, restore --sweep, qf=predicted. */
	@Test
	void blindModelFromTheCommandLine() throws Exception {
		String blind = io.github.jpegrestore.TestModels.tinyBlindCardPath().toString();
		Path data = Files.createDirectory(dir.resolve("bset"));
		ImageFiles.write(TestData.synthetic(64, 48, 1, 1), data.resolve("a.png"), false);
		Path csv = dir.resolve("blind.csv");
		Run r = run("benchmark", "--data", data, "--qf", "10", "--then-qf", "30", "--shift", "4,4", "--model", blind, "--restore-qf", "predicted", "--device", "cpu", "--csv", csv);
		assertEquals(0, r.code, r.err);
		assertTrue(Files.readAllLines(csv).get(1).startsWith("bset,tiny-blind@predicted,30,a.png,"), Files.readAllLines(csv).get(1));
		assertFails(2, run("benchmark", "--data", data, "--model", blind, "--restore-qf", "20"), "one of file, auto, predicted");
		// equivalent quality (issue 25): the CSV's extra columns, and the rule against double JPEG named as the command line spells it
		Path eq = dir.resolve("eq.csv");
		Run e = run("benchmark", "--folder", data, "--qf", "30", "--models", "jpeg", "--equivalent", "--csv", eq);
		assertEquals(0, e.code, e.err);
		assertTrue(e.out.contains("eqQF-PSNR"), e.out);
		assertEquals(Benchmark.CSV_HEADER + Benchmark.CSV_EQUIVALENT, Files.readAllLines(eq).get(0));
		assertEquals(12, Files.readAllLines(eq).get(1).split(",").length, Files.readAllLines(eq).get(1));
		assertFails(2, run("benchmark", "--folder", data, "--qf", "30", "--models", "jpeg", "--equivalent", "--then-qf", "50"), "--equivalent compares with single JPEGs; leave --then-qf at 0");
		assertFails(2, run("benchmark", "--data", data, "--model", TINY, "--restore-qf", "predicted", "--device", "cpu"), "blind model");
		Path jpg = dir.resolve("in.jpg");
		ImageFiles.writeBytes(io.github.jpegrestore.jpeg.JpegCodec.compress(TestData.synthetic(64, 48, 1, 3), 20, io.github.jpegrestore.jpeg.Subsampling.S420), jpg, false);
		r = run("restore", "--model", blind, "--qf", "predicted", "--device", "cpu", jpg, dir.resolve("p.png"));
		assertEquals(0, r.code, r.err);
		assertTrue(r.out.contains("(predicted)"), r.out);
		r = run("restore", "--model", blind, "--sweep", "--device", "cpu", jpg, dir.resolve("s.png"));
		assertEquals(0, r.code, r.err);
		for (int q = 10; q <= 90; q += 10) assertTrue(Files.exists(dir.resolve("s-qf" + q + ".png")), "s-qf" + q + ".png");
		assertFails(2, run("restore", "--model", blind, "--sweep", "--device", "cpu", jpg, dir.resolve("s.png")), "exists");
		assertFails(2, run("restore", "--model", blind, "--sweep", "--qf", "30", "--device", "cpu", jpg, dir.resolve("t.png")), "--sweep");
	}

	/** device=gpu where the engine sees no GPU: one line naming what to install and how to point Fiji at it. */
	@Test
	void gpuWithoutAGpuSaysWhatToInstall() throws Exception {
		org.junit.jupiter.api.Assumptions.assumeTrue(io.github.jpegrestore.inference.DeviceChoice.Engines.pytorch().getGpuCount() == 0, "a GPU is present");
		Path jpg = dir.resolve("g.jpg");
		ImageFiles.writeBytes(io.github.jpegrestore.jpeg.JpegCodec.compress(TestData.synthetic(32, 32, 1, 3), 20, io.github.jpegrestore.jpeg.Subsampling.S420), jpg, false);
		Run r = run("restore", "--model", TINY, "--device", "gpu", jpg, dir.resolve("g.png"));
		assertFails(2, r, "PYTORCH_LIBRARY_PATH");
		assertTrue(r.err.contains("cu128") && r.err.contains("2.7.1"), r.err);
	}

	/** --precision bf16 runs the card's bf16 variant and says so; a bad value is one line. */
	@Test
	void precisionFromTheCommandLine() throws Exception {
		Path jpg = dir.resolve("b.jpg");
		ImageFiles.writeBytes(io.github.jpegrestore.jpeg.JpegCodec.compress(TestData.synthetic(48, 32, 1, 3), 20, io.github.jpegrestore.jpeg.Subsampling.S420), jpg, false);
		Run r = run("restore", "--model", TINY, "--device", "cpu", "--precision", "bf16", jpg, dir.resolve("b.png"));
		assertEquals(0, r.code, r.err);
		assertTrue(r.out.matches("(?s).*CPU, \\d+ threads?, bf16.*"), r.out);
		assertFails(2, run("restore", "--model", TINY, "--precision", "fp16", jpg, dir.resolve("c.png")), "one of auto, fp32, bf16, int8");
	}

	/** An out-of-memory error is one line naming the fix, not a JVM stack trace (issue 9, item 6). */
	@Test
	void outOfMemoryIsOneLineWithTheFix() {
		String m = Main.message(new OutOfMemoryError("Java heap space"));
		assertTrue(m.contains("out of memory") && m.contains("JAVA_OPTS") && m.contains("--tile") && !m.contains("\n"), m);
	}

	static final String TINY = io.github.jpegrestore.TestModels.tinyCardPath().toString();
	static final String TINY_COLOR = io.github.jpegrestore.TestModels.tinyColorCardPath().toString();

	@Test
	void demoRuns() {
		Run r = run("demo", "--out", dir.resolve("demo"), "--model", TINY, "--color-model", TINY_COLOR, "--device", "cpu");
		assertEquals(0, r.code, r.err);
		assertTrue(r.out.contains("jpeg       psnr=") && r.out.contains("luma       psnr=") && r.out.contains("luma only  psnr=")
			&& r.out.contains("color      psnr="), r.out);
		for (String f : new String[] { "sample-qf20.jpg", "sample-qf20-luma.png", "sample-color-qf20.jpg", "sample-color-qf20-luma.png", "sample-color-qf20-color.png" })
			assertTrue(Files.exists(dir.resolve("demo").resolve(f)), f);
	}

	@Test
	void restoreFromTheCommandLine() throws Exception {
		Path src = image("src.png", TestData.synthetic(50, 40, 1, 8));
		Path jpg = dir.resolve("in.jpg");
		assertEquals(0, run("compress", "--qf", 22, src, jpg).code);
		Path out = dir.resolve("out.png");
		Run r = run("restore", "--model", TINY, "--device", "cpu", "--constrain", jpg, out);
		assertEquals(0, r.code, r.err);
		assertTrue(r.out.contains("QF 22 (file), constrained"), r.out);
		assertEquals("50x40 gray", ImageFiles.read(out).toString());
		Run est = run("restore", "--model", TINY, "--qf", "auto", image("dec.png", ImageFiles.read(jpg)), dir.resolve("o2.png"));
		assertTrue(est.out.contains("QF 22 (estimated)"), est.out);
		assertFails(2, run("restore", "--model", TINY, "--qf", "file", src, dir.resolve("o3.png")), "qf=file");
		assertFails(2, run("restore", "--model", TINY, "--constrain", src, dir.resolve("o3.png")), "--constrain");
		assertFails(2, run("restore", "--model", TINY, jpg, out), "--overwrite");
		assertFails(2, run("restore", "--model", TINY, "--device", "tpu", jpg, dir.resolve("o3.png")), "device");
		assertFails(2, run("restore", "--model", TINY, jpg, dir.resolve("o3.jpg")), "losslessly");
		assertFails(1, run("restore", "--model", dir.resolve("none.json"), jpg, dir.resolve("o3.png")), "not found");
		assertFails(1, run("restore", "--model", TINY, TestData.fixture("cmyk.jpg"), dir.resolve("o4.png")), "CMYK");
		assertFails(1, run("metrics", TestData.fixture("cmyk.jpg"), TestData.fixture("cmyk.jpg")), "CMYK");
		assertFalse(Files.exists(dir.resolve("o3.png")));
	}

	@Test
	void macroFromTheCommandLine() throws Exception {
		Path jpg = dir.resolve("m.jpg");
		assertEquals(0, run("compress", "--qf", 30, image("m.png", TestData.synthetic(40, 40, 1, 9)), jpg).code);
		Path ijm = dir.resolve("restore.ijm");
		Files.writeString(ijm, "path = getArgument();\nopen(path);\nrun(\"JPEG Restore Luma\", \"qf=auto device=cpu model=[" + TINY + "]\");\n"
			+ "saveAs(\"Tiff\", replace(path, \".jpg\", \"-restored.tif\"));\n");
		Run r = run("macro", ijm, jpg);
		assertEquals(0, r.code, r.err);
		assertTrue(Files.exists(dir.resolve("m-restored.tif")));
		Files.writeString(ijm, "run(\"JPEG Restore Luma\", \"qf=0\");\n");
		assertFails(1, run("macro", ijm), "1..100");
		assertFails(2, run("macro", dir.resolve("missing.ijm")), "no such file");
	}

	@Test
	void dctPatchesAndBlindQf() throws Exception {
		Path src = image("src.png", TestData.synthetic(130, 70, 1, 10));
		Path jpg = dir.resolve("a.jpg");
		assertEquals(0, run("compress", "--qf", 35, src, jpg).code);
		Run d = run("dct", jpg, dir.resolve("a"));
		assertEquals(0, d.code, d.err);
		ij.ImagePlus blocks = ij.IJ.openImage(dir.resolve("a-blocks.tif").toString());
		assertEquals(136, blocks.getWidth());
		assertEquals(72, blocks.getHeight());
		ij.ImagePlus bands = ij.IJ.openImage(dir.resolve("a-bands.tif").toString());
		assertEquals(64, bands.getStackSize());
		assertEquals(17, bands.getWidth());
		List<String> nz = Files.readAllLines(dir.resolve("a-nonzero.csv"));
		assertEquals("index,u,v,probability", nz.get(0));
		assertEquals(65, nz.size());
		assertTrue(nz.get(1).startsWith("0,0,0,"));
		assertTrue(nz.get(3).startsWith("2,0,1,"), "zig-zag: index 2 is u=0 v=1");
		assertFails(2, run("dct", jpg, dir.resolve("a")), "--overwrite");

		Path csv = dir.resolve("p.csv");
		Path big = image("big.png", TestData.synthetic(192, 128, 1, 11));
		Path bigJpg = dir.resolve("big.jpg");
		assertEquals(0, run("compress", "--qf", 20, big, bigJpg).code);
		Run p = run("patches", bigJpg, "--reference", big, "--csv", csv);
		assertEquals(0, p.code, p.err);
		List<String> rows = Files.readAllLines(csv);
		assertEquals("x,y,frequency,detail_density,frequency_class,detail_class,psnr,ssim,psnrb", rows.get(0));
		assertEquals(1 + 6, rows.size());
		assertTrue(rows.get(2).startsWith("64,0,"), rows.get(2));
		assertFails(2, run("patches", bigJpg, "--reference", src, "--csv", dir.resolve("q.csv")), "differ in size");

		Run q = run("qf", jpg, "--blind");
		assertEquals(0, q.code, q.err);
		assertTrue(q.out.contains("table=0 qf=35 ijg=true"), q.out);
		assertTrue(q.out.matches("(?s).*blind qf=3[0-9] double=false.*"), q.out);
		Path dbl = dir.resolve("d.jpg");
		assertEquals(0, run("compress", "--qf", 25, "--then-qf", 90, "--shift", "3,5", big, dbl).code);
		Run qd = run("qf", "--blind", dbl);
		assertTrue(qd.out.contains("double=true"), qd.out);
		assertTrue(run("qf", "--blind", src).out.contains("no JPEG traces"));

		// too few blocks for a blind estimate (issue 22, item 11): said, not a made-up QF
		Path tiny = image("tiny.png", TestData.synthetic(20, 20, 1, 5));
		Path tinyJpg = dir.resolve("tiny.jpg");
		assertEquals(0, run("compress", "--qf", 20, tiny, tinyJpg).code);
		Run qt = run("qf", "--blind", tinyJpg);
		assertEquals(0, qt.code, qt.err);
		assertTrue(qt.out.contains("table=0 qf=20 ijg=true") && qt.out.contains("blind: too small") && !qt.out.contains("blind qf="), qt.out);
		assertFails(1, run("qf", "--blind", tiny), "too small to estimate");
	}
}
