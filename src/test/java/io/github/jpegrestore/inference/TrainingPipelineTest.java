package io.github.jpegrestore.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import io.github.jpegrestore.Python;
import io.github.jpegrestore.TestData;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.QuantTables;
import io.github.jpegrestore.JpegRestoreException;
import io.github.jpegrestore.jpeg.Subsampling;
import io.github.jpegrestore.metrics.Metrics;
import io.github.jpegrestore.metrics.SsimWindow;
import io.github.jpegrestore.metrics.YMode;

/**
 * The training pipeline end to end on a few synthetic images: a tiny training run, export to
 * TorchScript with its card, and the exported file loaded through DJL giving PyTorch's output.
 * Also the Python metrics against the Java ones. Skips (visibly) without python3-torch.
 */
class TrainingPipelineTest {
	@TempDir static Path dir;
	static Path models;
	static Path vector;

	@BeforeAll
	static void trainAndExport() throws Exception {
		if (Python.find() == null) {
			System.err.println("SKIPPED training pipeline: no python3 with torch (Debian python3-torch)");
			return;
		}
		Path gray = Files.createDirectories(dir.resolve("data/train/gray"));
		Path val = Files.createDirectories(dir.resolve("data/val/tiny"));
		for (int i = 0; i < 4; i++) ImageFiles.write(TestData.synthetic(72, 64, 1, i), gray.resolve("t" + i + ".png"), false);
		ImageFiles.write(TestData.synthetic(48, 40, 1, 9), val.resolve("v.png"), false);
		Python.run("train.py", "--data", dir.resolve("data").toString(), "--out", dir.resolve("run").toString(), "--iters", "6",
			"--batch", "2", "--patch", "32", "--val", "tiny", "--val-every", "6", "--log-every", "3", "--train-dirs", "gray");
		// resume: continue the same run for two more iterations
		String resumed = Python.run("train.py", "--data", dir.resolve("data").toString(), "--out", dir.resolve("run").toString(),
			"--iters", "8", "--batch", "2", "--patch", "32", "--val", "", "--log-every", "1", "--train-dirs", "gray");
		assertTrue(resumed.contains("resumed") && resumed.contains("at step 6"), resumed);
		models = dir.resolve("models");
		vector = dir.resolve("vec.bin");
		Python.run("export.py", "--checkpoint", dir.resolve("run/last.pt").toString(), "--name", "tiny", "--out", models.toString(),
			"--vector", vector.toString());
	}

	/**
	 * The color task end to end: RGB images (decoded to JFIF YCbCr in training), the chroma net
	 * guided by the luma model exported above, export with its guide, run through the suite's color
	 * restorer, and DJL equal to PyTorch on the exported test vector.
	 */
	@Test
	void colorTaskTrainsExportsAndRunsInJava() throws Exception {
		assumePython();
		Path color = Files.createDirectories(dir.resolve("cdata/train/color"));
		Path val = Files.createDirectories(dir.resolve("cdata/val/rgb"));
		for (int i = 0; i < 4; i++) ImageFiles.write(TestData.synthetic(72, 64, 3, i), color.resolve("c" + i + ".png"), false);
		ImageFiles.write(TestData.synthetic(48, 40, 3, 9), val.resolve("v.png"), false);
		String out = Python.run("train.py", "--task", "color", "--arch", "chroma-xs", "--data", dir.resolve("cdata").toString(), "--out",
			dir.resolve("crun").toString(), "--iters", "4", "--batch", "2", "--patch", "32", "--val", "rgb", "--val-every", "4", "--log-every", "2",
			"--guide", models.resolve("tiny.pt").toString());
		assertTrue(out.contains("\"luma_only\"") && out.contains("\"restored\""), "color validation reports JPEG, luma only and restored: " + out);
		Path cvec = dir.resolve("cvec.bin");
		Python.run("export.py", "--checkpoint", dir.resolve("crun/last.pt").toString(), "--name", "tiny-color", "--out", models.toString(),
			"--guide", "tiny", "--vector", cvec.toString());
		ModelCard card = ModelCard.read(models.resolve("tiny-color.json"));
		assertEquals(io.github.jpegrestore.inference.ModelTask.COLOR, card.task);
		assertEquals("tiny", card.guide);
		assertTrue(card.halo >= card.receptiveRadius && card.receptiveRadius > 0);
		float[][] v = readVector(cvec);
		try (TorchModel m = new TorchModel(card.verifiedWeights(), Device.cpu())) {
			TorchModel.Output o = m.run(v[1], new long[] { (long) v[0][0], (long) v[0][1], (long) v[0][2], (long) v[0][3] }, new float[] { v[0][4] });
			double maxErr = 0;
			for (int i = 0; i < v[2].length; i++) maxErr = Math.max(maxErr, Math.abs(v[2][i] - o.image[i]));
			assertTrue(maxErr <= 1e-4, "DJL vs PyTorch max abs difference " + maxErr);
		}
		Image8 rgb = JpegCodec.roundTrip(TestData.synthetic(50, 34, 3, 5), 20, Subsampling.S420);
		Image8 restored = io.github.jpegrestore.restore.Restorers.create(models.resolve("tiny-color.json").toString(),
			new io.github.jpegrestore.restore.RestoreOptions().qf(io.github.jpegrestore.restore.QfChoice.parse("20")).device(DeviceChoice.CPU))
			.restore(io.github.jpegrestore.restore.Input.pixels(rgb), Progress.NONE).image;
		assertEquals("50x34 RGB", restored.toString());
	}

	/**
	 * One file in five of train/microscopy, by the SHA-1 of its path below that folder, is never
	 * trained on and is evaluate.py's "microscopy" set; the run and its card record the split.
	 */
	@Test
	void aFifthOfTheMicroscopyIsHeldOutOfTraining() throws Exception {
		assumePython();
		Path micro = Files.createDirectories(dir.resolve("mdata/train/microscopy/sub"));
		int held = 0, n = 12;
		for (int i = 0; i < n; i++) {
			String rel = "sub/m" + i + ".png";
			ImageFiles.write(TestData.synthetic(72, 64, 1, 20 + i), micro.resolve("m" + i + ".png"), false);
			byte[] sha = java.security.MessageDigest.getInstance("SHA-1").digest(rel.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			if (new java.math.BigInteger(1, sha).mod(java.math.BigInteger.valueOf(5)).signum() == 0) held++;
		}
		assertTrue(held > 0 && held < n, "the fixture has files on both sides: " + held);
		String out = Python.run("train.py", "--data", dir.resolve("mdata").toString(), "--out", dir.resolve("mrun").toString(), "--iters", "2",
			"--batch", "2", "--patch", "32", "--val", "", "--log-every", "1", "--train-dirs", "microscopy");
		assertTrue(out.contains("pool: {'microscopy': " + (n - held) + "}"), (n - held) + " files trained on: " + out);
		Python.run("export.py", "--checkpoint", dir.resolve("mrun/last.pt").toString(), "--name", "m", "--out", dir.resolve("mmodels").toString());
		assertTrue(Files.readString(dir.resolve("mmodels/m.json")).contains("microscopy: 1 file in 5"), "the card records the split");
		String eval = Python.run("evaluate.py", "--model", dir.resolve("mmodels/m.pt").toString(), "--data", dir.resolve("mdata").toString(),
			"--sets", "microscopy", "--qf", "30");
		assertTrue(eval.contains("microscopy QF30:"), eval);
	}

	/**
	 * Distillation (--teacher): a student started from the exported model and taught by that same
	 * export has nothing to learn from it, so with the loss all on the teacher it is zero; with the
	 * loss all on the clean image it is not (the control that the first check can fail).
	 */
	@Test
	void aStudentEqualToItsTeacherHasNoDistillationLoss() throws Exception {
		assumePython();
		double onTeacher = firstDistillationLoss("kd1", "1");
		double onClean = firstDistillationLoss("kd0", "0");
		assertTrue(onTeacher < 1e-6, "loss against an identical teacher " + onTeacher);
		assertTrue(onClean > 1e-3, "loss against the clean patch " + onClean);
	}

	/** The first logged loss of one step of the tiny model taught by itself with this --kd-weight. */
	static double firstDistillationLoss(String run, String weight) throws Exception {
		String tiny = models.resolve("tiny.pt").toString();
		String log = Python.run("train.py", "--data", dir.resolve("data").toString(), "--out", dir.resolve(run).toString(),
			"--iters", "1", "--batch", "2", "--patch", "32", "--val", "", "--log-every", "1", "--train-dirs", "gray",
			"--init", tiny, "--teacher", tiny, "--teacher-arch", "blockunet-s", "--kd-weight", weight);
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"loss\": ([0-9.eE+-]+)").matcher(log);
		assertTrue(m.find(), log);
		return Double.parseDouble(m.group(1));
	}

	/** {shape[4] + qf, input, output} of an export.py test vector. */
	static float[][] readVector(Path f) throws Exception {
		ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
		float[] head = { b.getInt(), b.getInt(), b.getInt(), b.getInt(), 0 };
		head[4] = b.getFloat();
		float[] x = new float[(int) (head[0] * head[1] * head[2] * head[3])];
		b.asFloatBuffer().get(x);
		b.position(b.position() + 4 * x.length);
		int[] os = { b.getInt(), b.getInt(), b.getInt(), b.getInt() };
		float[] y = new float[os[0] * os[1] * os[2] * os[3]];
		b.asFloatBuffer().get(y);
		return new float[][] { head, x, y };
	}

	static void assumePython() {
		Assumptions.assumeTrue(Python.find() != null, "no python3 with torch: training pipeline skipped");
	}

	@Test
	void exportedModelRunsInDjlLikeInPyTorch() throws Exception {
		assumePython();
		ModelCard card = ModelCard.read(models.resolve("tiny.json"));
		assertEquals(io.github.jpegrestore.inference.ModelTask.LUMA, card.task);
		assertEquals(16, card.sizeMultiple);
		assertTrue(card.halo >= card.receptiveRadius && card.receptiveRadius > 0);
		assertTrue(card.parameters > 0 && card.flopsPerPixel > 0);
		ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(vector)).order(ByteOrder.LITTLE_ENDIAN);
		long[] shape = { b.getInt(), b.getInt(), b.getInt(), b.getInt() };
		float qf = b.getFloat();
		float[] x = new float[(int) (shape[0] * shape[1] * shape[2] * shape[3])];
		b.asFloatBuffer().get(x);
		b.position(b.position() + 4 * x.length);
		long[] oshape = { b.getInt(), b.getInt(), b.getInt(), b.getInt() };
		float[] expected = new float[(int) (oshape[0] * oshape[1] * oshape[2] * oshape[3])];
		b.asFloatBuffer().get(expected);
		try (TorchModel m = new TorchModel(card.verifiedWeights(), Device.cpu())) {
			TorchModel.Output out = m.run(x, shape, new float[] { qf });
			assertArrayEquals(oshape, out.shape);
			double maxErr = 0;
			for (int i = 0; i < expected.length; i++) maxErr = Math.max(maxErr, Math.abs(expected[i] - out.image[i]));
			assertTrue(maxErr <= 1e-4, "DJL vs PyTorch max abs difference " + maxErr);
		}
	}

	@Test
	void tamperedWeightsAreRefused() throws Exception {
		assumePython();
		Path copy = Files.createDirectories(dir.resolve("tampered"));
		Files.copy(models.resolve("tiny.json"), copy.resolve("tiny.json"));
		byte[] w = Files.readAllBytes(models.resolve("tiny.pt"));
		w[w.length / 2] ^= 1;
		Files.write(copy.resolve("tiny.pt"), w);
		ModelCard card = ModelCard.read(copy.resolve("tiny.json"));
		JpegRestoreException e = assertThrows(JpegRestoreException.class, card::verifiedWeights);
		assertTrue(e.getMessage().contains("does not match its card"), e.getMessage());
		Files.delete(copy.resolve("tiny.pt"));
		e = assertThrows(JpegRestoreException.class, card::verifiedWeights);
		assertTrue(e.getMessage().contains("missing"), e.getMessage());
	}

	@Test
	void pythonMetricsAgreeWithJava() throws Exception {
		assumePython();
		for (int channels : new int[] { 1, 3 }) {
			Image8 ref = TestData.synthetic(67, 45, channels, 11);
			Image8 test = JpegCodec.roundTrip(ref, 15, Subsampling.S420);
			Path r = dir.resolve("ref" + channels + ".png"), t = dir.resolve("test" + channels + ".png");
			ImageFiles.write(ref, r, true);
			ImageFiles.write(test, t, true);
			for (SsimWindow w : SsimWindow.values()) {
				String py = Python.exec(Arrays.asList(Python.find(), "-c",
					"import sys; sys.path.insert(0, 'training'); import evaluate as e, numpy as np; from PIL import Image;"
						+ "a = np.array(Image.open(sys.argv[1])); b = np.array(Image.open(sys.argv[2]));"
						+ "print(e.psnr(a, b), e.ssim(a, b, sys.argv[3]), e.psnrb(a, b))",
					r.toString(), t.toString(), w.label)).strip();
				String[] v = py.split(" ");
				Metrics.Result j = Metrics.compute(ref, test, YMode.NONE, w);
				assertEquals(j.psnr, Double.parseDouble(v[0]), 0.005, "PSNR " + channels + " " + w);
				assertEquals(j.ssim, Double.parseDouble(v[1]), 1e-6, "SSIM " + channels + " " + w);
				assertEquals(j.psnrb, Double.parseDouble(v[2]), 0.005, "PSNR-B " + channels + " " + w);
			}
		}
	}

	/** The block-DCT input of the ablation network (models.BlockDCT) uses the IJG tables of
	 * {@link QuantTables} for every QF, and the coefficients of a file decoded by our codec lie on
	 * that table's quantization lattice (AC coefficients; mean distance 0 there, 0.25 for unrelated
	 * coefficients). */
	@Test
	void blockDctBranchSeesTheIjgTablesAndTheirLattice() throws Exception {
		assumePython();
		String tables = Python.exec(Arrays.asList(Python.find(), "-c",
			"import sys, torch; sys.path.insert(0, 'training'); import models; d = models.BlockDCT();"
				+ "x = torch.zeros(100, 1, 8, 8); q = torch.arange(1, 101, dtype=torch.float32)[:, None] / 100;"
				+ "t = (d(x, q)[:, 64:, 0, 0] * 100).round().int().tolist();"
				+ "print(';'.join(','.join(map(str, r)) for r in t))")).strip();
		String[] rows = tables.split(";");
		assertEquals(100, rows.length);
		for (int qf = 1; qf <= 100; qf++)
			assertArrayEquals(QuantTables.forQuality(qf, false), Arrays.stream(rows[qf - 1].split(",")).mapToInt(Integer::parseInt).toArray(),
				"QF " + qf);
		Image8 decoded = JpegCodec.roundTrip(TestData.synthetic(96, 64, 1, 5), 25, Subsampling.S420);
		Path png = dir.resolve("lattice.png");
		ImageFiles.write(decoded, png, false);
		String frac = Python.exec(Arrays.asList(Python.find(), "-c",
			"import sys, torch, numpy as np; sys.path.insert(0, 'training'); import models; from PIL import Image;"
				+ "x = torch.tensor(np.array(Image.open(sys.argv[1])), dtype=torch.float32)[None, None] / 255;"
				+ "o = models.BlockDCT()(x, torch.tensor([[0.25]])); r = (o[:, 1:64] * 255) / (o[:, 65:] * 100);"
				+ "print(float((r - r.round()).abs().mean()))", png.toString())).strip();
		assertTrue(Double.parseDouble(frac) < 0.05, frac);
	}
}
