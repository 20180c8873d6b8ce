package io.github.jpegrestore.restore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.jpegrestore.JpegRestoreException;
import io.github.jpegrestore.Python;
import io.github.jpegrestore.TestData;
import io.github.jpegrestore.TestModels;
import io.github.jpegrestore.inference.DeviceChoice;
import io.github.jpegrestore.inference.ModelCard;
import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.inference.Sessions;
import io.github.jpegrestore.inference.TorchModel;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.Subsampling;

/** The blind restorer (QF predicted once per image, then restored under it) with the tiny committed blind model. */
class BlindRestorerTest {
	@TempDir Path dir;

	static RestoreOptions cpu(String qf) {
		return new RestoreOptions().qf(QfChoice.parse(qf)).device(DeviceChoice.CPU);
	}

	static Restorer blind(String qf, int tile) {
		return Restorers.create(TestModels.tinyBlindCardPath().toString(), cpu(qf).tile(tile));
	}

	static Image8 degraded(int w, int h, long seed, int qf) {
		return JpegCodec.roundTrip(TestData.synthetic(w, h, 1, seed), qf, Subsampling.S420);
	}

	@Test
	void imagesWithoutAJpegFileAreRestoredUnderThePredictedQf() {
		Input in = Input.pixels(degraded(96, 80, 3, 20));
		Image8 before = in.image.copy();
		Restored r = blind("auto", 0).restore(in, Progress.NONE);
		assertEquals(before, in.image, "input unchanged");
		assertEquals(io.github.jpegrestore.restore.QfSource.PREDICTED, r.qfSource);
		assertTrue(r.qf >= 1 && r.qf <= 100, "QF " + r.qf);
		// the same image restored with that QF given: identical (the prediction only chooses the QF)
		Restored given = blind(Integer.toString(r.qf), 0).restore(in, Progress.NONE);
		assertEquals(io.github.jpegrestore.restore.QfSource.GIVEN, given.qfSource);
		assertEquals(given.image, r.image);
		assertEquals(r.qf, blind("predicted", 0).restore(in, Progress.NONE).qf, "qf=predicted is the same prediction");
	}

	@Test
	void oneQfPerImagePooledOverTilesWeightedByArea() {
		ModelCard card = ModelCard.read(TestModels.tinyBlindCardPath());
		Image8 img = degraded(200, 150, 5, 30);
		TorchModel m = Sessions.get(card, DeviceChoice.CPU);
		// the tiles of a 64-pixel tiling of 200x150 (padded to 208x160): cores of 64, the last ones shorter
		double sum = 0;
		for (int y0 = 0; y0 < 160; y0 += 64)
			for (int x0 = 0; x0 < 208; x0 += 64) {
				int w = Math.min(64, 208 - x0), h = Math.min(64, 160 - y0);
				float[] t = new float[w * h];
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) t[y * w + x] = img.get(Math.min(199, x0 + x), Math.min(149, y0 + y), 0) / 255f;
				float p = m.run(t, new long[] { 1, 1, h, w }, new float[] { -1f }).qf[0];
				sum += p * (Math.min(x0 + w, 200) - x0) * (double) (Math.min(y0 + h, 150) - y0);
			}
		int expected = (int) Math.round(sum / (200.0 * 150) * 100);
		TiledModel net = new TiledModel(card, DeviceChoice.CPU, 64, 1, 1);
		assertEquals(expected, net.predictQf(200, 150, QfChoice.Grid.ORIGIN, LumaRestorer.luma(img), Progress.NONE));
		Restored r = blind("auto", 64).restore(Input.pixels(img), Progress.NONE);
		assertEquals(Math.max(1, Math.min(100, expected)), r.qf, "every tile restored under the one pooled QF");
	}

	@Test
	void javaPredictsTheQfThatPythonPredicts() throws Exception {
		Assumptions.assumeTrue(Python.find() != null, "no python3 with torch (python3-torch)");
		String weights = TestModels.tinyBlindCardPath().toString().replace(".json", ".pt");
		for (int i = 0; i < 3; i++) {
			Path p = dir.resolve("p" + i + ".png");
			ImageFiles.write(degraded(80 + 16 * i, 72, 10 + i, 10 + 30 * i), p, false);
			Image8 pixels = ImageFiles.read(p);
			// the prediction is made on the grid where the pixels show JPEG traces: Python is told it
			QfChoice.Resolved grid = QfChoice.parse("auto").resolve(null, pixels);
			String out = Python.run("evaluate.py", "--model", weights, "--grid", grid.gridX + "," + grid.gridY, "--predict", p.toString());
			Matcher m = Pattern.compile(Pattern.quote(p.toString()) + " qf=(\\d+)").matcher(out);
			assertTrue(m.find(), out);
			Restored r = blind("auto", 0).restore(Input.pixels(pixels), Progress.NONE);
			assertEquals(Integer.parseInt(m.group(1)), r.qf, p.getFileName() + " on the grid at (" + grid.gridX + "," + grid.gridY + "): " + out);
		}
	}

	@Test
	void aJpegFileGivesItsQfAndADoubleJpegItsStrongerFirstQf() {
		Image8 clean = TestData.synthetic(160, 160, 1, 8);
		Restored single = blind("auto", 0).restore(Input.jpegFile(JpegCodec.compress(clean, 40, Subsampling.S420)), Progress.NONE);
		assertEquals(40, single.qf);
		assertEquals(io.github.jpegrestore.restore.QfSource.FILE, single.qfSource);
		byte[] twice = JpegCodec.compressDouble(clean, 10, 30, 4, 4, Subsampling.S420);
		Restored dbl = blind("auto", 0).restore(Input.jpegFile(twice), Progress.NONE);
		assertEquals(io.github.jpegrestore.restore.QfSource.DOMINANT, dbl.qfSource, "non-aligned double JPEG found");
		assertTrue(Math.abs(dbl.qf - 10) <= 2, "the first compression's QF: " + dbl.qf);
		// the luma model's qf=auto reads the same double JPEG the same way; qf=file keeps the last table
		assertEquals(dbl.qf, Restorers.create(TestModels.tinyCardPath().toString(), cpu("auto")).restore(Input.jpegFile(twice), Progress.NONE).qf);
		assertEquals(30, blind("file", 0).restore(Input.jpegFile(twice), Progress.NONE).qf);
	}

	/**
	 * Issue 25: the blind model is never below luma. When the JPEG file gives the QF (single, or a
	 * double JPEG's dominant one) its luma model restores, so the result is luma's exactly; under
	 * its own prediction or a given QF the blind network restores.
	 */
	@Test
	void aQfFromTheFileIsRestoredByTheLumaModel() {
		Image8 clean = TestData.synthetic(160, 160, 1, 9);
		Restorer luma = Restorers.create(TestModels.tinyCardPath().toString(), cpu("auto"));
		for (byte[] file : new byte[][] { JpegCodec.compress(clean, 40, Subsampling.S420), JpegCodec.compressDouble(clean, 10, 30, 4, 4, Subsampling.S420) }) {
			Restored b = blind("auto", 0).restore(Input.jpegFile(file), Progress.NONE), l = luma.restore(Input.jpegFile(file), Progress.NONE);
			assertEquals(l.qf, b.qf);
			assertEquals(l.qfSource, b.qfSource);
			assertEquals(l.image, b.image, "the luma model's result (" + b.qfSource + ")");
			assertTrue(b.note.contains("luma model 'tiny'"), b.note);
		}
		// without the file (its pixels only) the blind network predicts and restores: not luma's result
		Input pixels = Input.pixels(JpegCodec.decode(JpegCodec.compress(clean, 40, Subsampling.S420)));
		Restored p = blind("auto", 0).restore(pixels, Progress.NONE);
		assertEquals(io.github.jpegrestore.restore.QfSource.PREDICTED, p.qfSource);
		assertTrue(!p.note.contains("luma model"), p.note);
		Restored given = blind("40", 0).restore(pixels, Progress.NONE);
		assertNotEquals(Restorers.create(TestModels.tinyCardPath().toString(), cpu("40")).restore(pixels, Progress.NONE).image, given.image,
			"a QF the user gives: the blind network restores");
	}

	/**
	 * A predictor-only blind model (the shipped one): its file predicts the QF and its luma model
	 * restores under every QF, the predicted one too, so its result is luma's under that QF.
	 */
	@Test
	void aPredictorOnlyBlindModelPredictsAndItsLumaModelRestores() throws Exception {
		String card = TestModels.tinyBlindPredictorCardPath().toString();
		assertTrue(ModelCard.read(TestModels.tinyBlindPredictorCardPath()).predictorOnly);
		Image8 clean = TestData.synthetic(160, 144, 1, 12);
		Input pixels = Input.pixels(JpegCodec.decode(JpegCodec.compress(clean, 30, Subsampling.S420)));
		Restored p = Restorers.create(card, cpu("auto")).restore(pixels, Progress.NONE);
		assertEquals(io.github.jpegrestore.restore.QfSource.PREDICTED, p.qfSource);
		Restored luma = Restorers.create(TestModels.tinyCardPath().toString(), cpu(Integer.toString(p.qf))).restore(pixels, Progress.NONE);
		assertEquals(luma.image, p.image, "restored by the luma model under the predicted QF " + p.qf);
		for (String qf : new String[] { "40", "predicted" }) {
			Restored b = Restorers.create(card, cpu(qf)).restore(pixels, Progress.NONE);
			Restored l = Restorers.create(TestModels.tinyCardPath().toString(), cpu(Integer.toString(b.qf))).restore(pixels, Progress.NONE);
			assertEquals(l.image, b.image, "qf=" + qf);
		}
		byte[] file = JpegCodec.compressDouble(clean, 10, 30, 4, 4, Subsampling.S420);
		Restored f = Restorers.create(card, cpu("auto")).restore(Input.jpegFile(file), Progress.NONE);
		Restored lf = Restorers.create(TestModels.tinyCardPath().toString(), cpu("auto")).restore(Input.jpegFile(file), Progress.NONE);
		assertEquals(lf.image, f.image, "a JPEG file: luma's result");
		assertEquals(io.github.jpegrestore.restore.QfSource.DOMINANT, f.qfSource);
		// the file itself refuses to restore (a caller that took its output for a restored image)
		TorchModel m = Sessions.get(ModelCard.read(TestModels.tinyBlindPredictorCardPath()), DeviceChoice.CPU);
		RuntimeException e = assertThrows(RuntimeException.class, () -> m.run(new float[32 * 32], new long[] { 1, 1, 32, 32 }, new float[] { 0.3f }));
		assertTrue(String.valueOf(e.getMessage()).contains("only predicts"), e.getMessage());
		// only a blind model may say it
		Path bad = dir.resolve("luma-p.json");
		String tiny = java.nio.file.Files.readString(TestModels.tinyCardPath());
		java.nio.file.Files.writeString(bad, tiny.replaceFirst("\\{", "{\"predictor_only\": true, "));
		java.nio.file.Files.copy(TestModels.tinyCardPath().resolveSibling("tiny.pt"), dir.resolve("tiny.pt"));
		JpegRestoreException c = assertThrows(JpegRestoreException.class, () -> ModelCard.read(bad));
		assertTrue(c.getMessage().contains("only a blind model can be predictor_only"), c.getMessage());
	}

	@Test
	void predictedNeedsABlindModel() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
			() -> Restorers.create(TestModels.tinyCardPath().toString(), cpu("predicted")).restore(Input.pixels(degraded(48, 48, 1, 20)), Progress.NONE));
		assertTrue(e.getMessage().contains("blind"), e.getMessage());
	}

	@Test
	void oneProgressBarOverPredictionAndRestoration() {
		List<Long> seen = new ArrayList<>();
		blind("auto", 64).restore(Input.pixels(degraded(150, 140, 2, 25)), (d, t) -> seen.add(Math.round(1000.0 * d / t)));
		assertTrue(seen.size() > 4, "several updates: " + seen);
		for (int i = 1; i < seen.size(); i++) assertTrue(seen.get(i) >= seen.get(i - 1), "only goes up: " + seen);
		assertEquals(1000L, seen.get(seen.size() - 1), "ends full: " + seen);
		assertTrue(seen.get(0) < 500, "the prediction takes a part, not the whole: " + seen);
	}

	@Test
	void sweepRestoresUnderEachQf() {
		Input in = Input.pixels(degraded(64, 48, 4, 15));
		List<Restored> all = QfSweep.run(TestModels.tinyBlindCardPath().toString(), cpu("auto"), in, QfSweep.DEFAULT, Progress.NONE);
		assertEquals(9, all.size());
		for (int i = 0; i < 9; i++) {
			assertEquals(10 * (i + 1), all.get(i).qf);
			assertEquals(io.github.jpegrestore.restore.QfSource.GIVEN, all.get(i).qfSource);
		}
		assertNotEquals(all.get(0).image, all.get(8).image, "QF 10 and QF 90 restore differently");
		assertEquals(blind("50", 0).restore(in, Progress.NONE).image, all.get(4).image);
		assertThrows(IllegalArgumentException.class, () -> QfSweep.run("jpeg", cpu("auto"), in, QfSweep.DEFAULT, Progress.NONE));
	}

	@Test
	void theColorPipelineCanTakeTheBlindModelForY() {
		Image8 rgb = JpegCodec.roundTrip(TestData.synthetic(64, 48, 3, 6), 20, Subsampling.S420);
		RestoreOptions o = cpu("auto").guide(TestModels.tinyBlindCardPath().toString());
		Restored r = Restorers.create(TestModels.tinyColorCardPath().toString(), o).restore(Input.pixels(rgb), Progress.NONE);
		assertEquals(io.github.jpegrestore.restore.QfSource.PREDICTED, r.qfSource, "the blind guide predicts the QF of an image without a file");
		assertThrows(IllegalArgumentException.class, () -> Restorers.create(TestModels.tinyCardPath().toString(), o), "a guide goes with a color model only");
		assertArrayEquals(new int[] { 64, 48 }, new int[] { r.image.width, r.image.height });
	}
}
