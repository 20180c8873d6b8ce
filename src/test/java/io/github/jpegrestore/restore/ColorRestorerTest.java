package io.github.jpegrestore.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.jpegrestore.Python;
import io.github.jpegrestore.TestData;
import io.github.jpegrestore.TestModels;
import io.github.jpegrestore.inference.DeviceChoice;
import io.github.jpegrestore.inference.ModelCard;
import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.QuantTables;
import io.github.jpegrestore.jpeg.Subsampling;
import io.github.jpegrestore.jpeg.YCbCr;

/** The color pipeline (luma, then chroma guided by the restored luma) with the tiny committed models. */
class ColorRestorerTest {
	@TempDir Path dir;

	static Restorer color(QfChoice qf) {
		return Restorers.create(TestModels.tinyColorCardPath().toString(), new RestoreOptions().qf(qf).device(DeviceChoice.CPU));
	}

	@Test
	void restoresChromaAfterLumaAndLeavesTheInput() {
		byte[] jpg = JpegCodec.compress(TestData.synthetic(72, 56, 3, 4), 15, Subsampling.S420);
		Input in = Input.jpegFile(jpg);
		Image8 before = in.image.copy();
		Restored c = color(QfChoice.AUTO).restore(in, Progress.NONE);
		Restored l = TestModels.tinyLuma(15, 0).restore(in, Progress.NONE);
		assertEquals(before, in.image, "input unchanged");
		assertEquals(15, c.qf);
		assertEquals(io.github.jpegrestore.restore.QfSource.FILE, c.qfSource);
		assertEquals("72x56 RGB", c.image.toString());
		double[][] pc = YCbCr.toPlanes(c.image), pl = YCbCr.toPlanes(l.image);
		double dy = 0, dchroma = 0;
		for (int i = 0; i < pc[0].length; i++) {
			dy = Math.max(dy, Math.abs(pc[0][i] - pl[0][i]));
			dchroma = Math.max(dchroma, Math.max(Math.abs(pc[1][i] - pl[1][i]), Math.abs(pc[2][i] - pl[2][i])));
		}
		assertTrue(dy <= 2.0, "Y is the luma restorer's (up to RGB rounding): " + dy);
		assertTrue(dchroma > 0.5, "Cb/Cr restored by the color model: " + dchroma);
	}

	@Test
	void grayImagesGetLumaOnlyWithANote() {
		Image8 g = JpegCodec.roundTrip(TestData.synthetic(40, 40, 1, 2), 20, Subsampling.S420);
		Restored r = color(QfChoice.parse("20")).restore(Input.pixels(g), Progress.NONE);
		assertTrue(r.note.contains("luma only"), r.note);
		assertEquals(TestModels.restoreLuma(g, 20, 0), r.image);
	}

	@Test
	void oneProgressBarOverBothPasses() {
		Image8 img = JpegCodec.roundTrip(TestData.synthetic(300, 200, 3, 5), 20, Subsampling.S420);
		List<long[]> ticks = new ArrayList<>();
		Restorers.create(TestModels.tinyColorCardPath().toString(), new RestoreOptions().qf(QfChoice.parse("20")).device(DeviceChoice.CPU).tile(64))
			.restore(Input.pixels(img), (d, t) -> ticks.add(new long[] { d, t }));
		assertTrue(ticks.size() > 4);
		for (int i = 1; i < ticks.size(); i++) {
			assertEquals(ticks.get(0)[1], ticks.get(i)[1], "one total");
			assertTrue(ticks.get(i)[0] > ticks.get(i - 1)[0], "rising");
		}
		assertEquals(ticks.get(0)[1], ticks.get(ticks.size() - 1)[0], "ends full");
	}

	@Test
	void chromaQfComesFromTheChromaTableAnd444Works() {
		byte[] jpg = JpegCodec.compress(TestData.synthetic(48, 48, 3, 6), 35, Subsampling.S444);
		Input in = Input.jpegFile(jpg);
		QfChoice.Resolved q = QfChoice.AUTO.resolve(in.jpeg, in.image);
		assertEquals(35, ColorRestorer.chromaQf(in, q));
		assertEquals(35, QuantTables.estimate(in.jpeg.tableOf(1), true).qf);
		assertEquals("48x48 RGB", color(QfChoice.AUTO).restore(in, Progress.NONE).image.toString());
		// a given QF is used for both planes
		assertEquals(60, ColorRestorer.chromaQf(in, QfChoice.parse("60").resolve(in.jpeg, in.image)));
	}

	@Test
	void guideIsTheLumaCardBesideTheColorCard() {
		ModelCard c = ModelCard.read(TestModels.tinyColorCardPath());
		assertEquals(io.github.jpegrestore.inference.ModelTask.COLOR, c.task);
		assertEquals("tiny", c.guide);
		assertEquals(TestModels.tiny().sha256, io.github.jpegrestore.inference.ModelStore.guideOf(c, null).sha256);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ColorRestorer(null, TestModels.tiny(), new RestoreOptions()));
		assertTrue(e.getMessage().contains("not a color model"), e.getMessage());
	}

	/** The Java pipeline gives PyTorch's result (training/evaluate.py restore_rgb) up to 8-bit rounding. */
	@Test
	void javaPipelineEqualsThePythonOne() throws Exception {
		Assumptions.assumeTrue(Python.find() != null, "no python3 with torch");
		Image8 src = TestData.synthetic(67, 45, 3, 9);
		Image8 dec = JpegCodec.roundTrip(src, 12, Subsampling.S420);
		Path in = dir.resolve("dec.png"), out = dir.resolve("py.png");
		ImageFiles.write(dec, in, true);
		Python.exec(Arrays.asList(Python.find(), "-c",
			"import sys; sys.path.insert(0, 'training'); import evaluate as e, numpy as np, torch; from PIL import Image;"
				+ "l = torch.jit.load(sys.argv[2]).eval(); c = torch.jit.load(sys.argv[3]).eval();"
				+ "a = np.array(Image.open(sys.argv[1]).convert('RGB')); Image.fromarray(e.restore_rgb(l, c, a, 12)).save(sys.argv[4])",
			in.toString(), TestModels.tinyCardPath().resolveSibling("tiny.pt").toString(),
			TestModels.tinyColorCardPath().resolveSibling("tiny-color.pt").toString(), out.toString()));
		Image8 py = ImageFiles.read(out);
		Image8 java = color(QfChoice.parse("12")).restore(Input.pixels(dec), Progress.NONE).image;
		int max = 0;
		for (int i = 0; i < py.data.length; i++) max = Math.max(max, Math.abs((py.data[i] & 0xff) - (java.data[i] & 0xff)));
		assertTrue(max <= 1, "Java and PyTorch pipelines differ by " + max + " levels");
	}
}
