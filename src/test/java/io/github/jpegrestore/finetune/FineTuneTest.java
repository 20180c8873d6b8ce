package io.github.jpegrestore.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

import io.github.jpegrestore.TestModels;
import io.github.jpegrestore.inference.ModelCard;
import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.Subsampling;

/** Fine-tuning the tiny model on synthetic images: held-out split, the card, the checkpoint, the refusals. */
class FineTuneTest {
	/** Synthetic "instrument": blobs and stripes with noise, as PNG files. */
	static Path images(Path dir, int n, long seed) throws Exception {
		Files.createDirectories(dir);
		Random r = new Random(seed);
		for (int k = 0; k < n; k++) {
			Image8 im = new Image8(160, 144, 1);
			double fx = 3 + r.nextInt(5), fy = 4 + r.nextInt(5);
			for (int y = 0; y < im.height; y++)
				for (int x = 0; x < im.width; x++)
					im.set(x, y, 0, Image8.clamp255(120 + 70 * Math.sin(x / fx) * Math.cos(y / fy) + 12 * r.nextGaussian()));
			ImageFiles.write(im, dir.resolve("img" + k + ".png"), false);
		}
		return dir;
	}

	static FineTune.Options options(Path data, Path out) {
		FineTune.Options o = new FineTune.Options();
		o.data = data;
		o.out = out;
		o.model = TestModels.tinyCardPath().toString();
		o.minutes = 5;
		o.maxSteps = 60;
		o.batch = 4;
		o.patch = 64;
		o.lr = 2e-3;
		o.qf = "10,30";
		return o;
	}

	@Test
	void tunesHoldsOutAFifthAndWritesACardThatRestores(@TempDir Path dir) throws Exception {
		Path data = images(dir.resolve("data"), 10, 1);
		List<String> log = new ArrayList<>();
		FineTune.Options all = options(data, dir.resolve("mine.json"));
		all.qf = "10-90"; // trained across the range, so that no guard quality loses (the tiny model loses at QF 90 when tuned for 10 and 30 alone)
		FineTune.Result r = new FineTune(all, log::add).run(Progress.NONE);
		assertEquals(8, r.trainImages);
		assertEquals(2, r.heldOutImages, "a fifth of 10 files held out");
		assertEquals(60, r.steps);
		assertEquals(List.of("QF 10", "QF 20", "QF 30", "QF 40", "QF 90", "QF 50 (guard)", "QF 60 (guard)", "QF 70 (guard)", "QF 80 (guard)"),
			r.rows.stream().map(x -> x.label).collect(java.util.stream.Collectors.toList()));
		for (FineTune.Row row : r.rows) assertTrue(row.base > row.jpeg - 3 && row.tuned > 0, row.label);
		assertTrue(r.margin > FineTune.MIN_GAIN_DB, "the tiny model gains on its own kind of image: " + r.margin + "; " + log);
		assertTrue(r.written, r.verdict);
		ModelCard card = ModelCard.read(dir.resolve("mine.json"));
		assertEquals("mine", card.name);
		card.verifiedWeights();
		card.verifiedTrainable();
		assertTrue(card.bf16 == null, "no bf16 variant: the base's does not hold the new weights");
		JsonObject f = card.json.getAsJsonObject("fine_tune");
		assertEquals(8, f.get("train_images").getAsInt());
		assertEquals(2, f.getAsJsonArray("held_out_sha256").size());
		assertEquals(60, f.get("steps").getAsInt());
		assertEquals(9, r.rows.size());
		assertEquals(r.rows.get(0).tuned, f.getAsJsonObject("held_out").getAsJsonObject("QF 10").get("tuned").getAsDouble(), 1e-4);
		// the held-out files are not trained on
		for (com.google.gson.JsonElement h : f.getAsJsonArray("held_out_sha256"))
			assertFalse(f.getAsJsonArray("train_sha256").contains(h));
		// a second run refuses to overwrite the card, and with --overwrite goes on from the checkpoint
		assertThrows(RuntimeException.class, () -> new FineTune(options(data, dir.resolve("mine.json")), log::add).run(Progress.NONE));
		FineTune.Options again = options(data, dir.resolve("mine.json"));
		again.qf = all.qf;
		again.overwrite = true;
		again.maxSteps = 10;
		log.clear();
		new FineTune(again, log::add).run(Progress.NONE);
		assertTrue(log.stream().anyMatch(l -> l.contains("resumed") && l.contains("after 60 steps")), String.join("\n", log));
	}

	@Test
	void aLossAtAGuardQualityWritesNothing(@TempDir Path dir) throws Exception {
		Path data = images(dir.resolve("data"), 10, 1);
		FineTune.Result r = new FineTune(options(data, dir.resolve("narrow.json")), s -> {}).run(Progress.NONE);
		assertEquals(List.of("QF 10", "QF 30", "QF 20 (guard)", "QF 40 (guard)", "QF 50 (guard)", "QF 60 (guard)", "QF 70 (guard)", "QF 80 (guard)", "QF 90 (guard)"),
			r.rows.stream().map(x -> x.label).collect(java.util.stream.Collectors.toList()));
		FineTune.Row qf90 = r.rows.get(8);
		assertTrue(r.margin > 0 && qf90.tuned - qf90.base < -FineTune.GUARD_LOSS_DB, "tuned for QF 10 and 30, the tiny model gains there and loses at QF 90: " + r.verdict);
		assertFalse(r.written);
		assertTrue(r.verdict.contains("a quality it was not trained for"), r.verdict);
		assertFalse(Files.exists(dir.resolve("narrow.json")));
	}

	@Test
	void noGainWritesNothing(@TempDir Path dir) throws Exception {
		Path data = images(dir.resolve("data"), 5, 2);
		FineTune.Options o = options(data, dir.resolve("none.json"));
		o.lr = 1e-12;
		o.maxSteps = 3;
		FineTune.Result r = new FineTune(o, s -> {}).run(Progress.NONE);
		assertFalse(r.written);
		assertTrue(r.verdict.startsWith("not written"), r.verdict);
		assertFalse(Files.exists(dir.resolve("none.json")));
		assertFalse(Files.exists(dir.resolve("none.pt")));
	}

	@Test
	void cancelMeasuresTheWeightsSoFar(@TempDir Path dir) throws Exception {
		Path data = images(dir.resolve("data"), 5, 3);
		FineTune.Options o = options(data, dir.resolve("c.json"));
		int[] calls = { 0 };
		FineTune.Result r = new FineTune(o, s -> {}).run(new Progress() {
			@Override
			public void update(long done, long total) {
				calls[0]++;
			}

			@Override
			public boolean canceled() {
				return calls[0] >= 5;
			}
		});
		assertTrue(r.canceled);
		assertEquals(5, r.steps);
		assertEquals(9, r.rows.size(), "the held-out table is still measured");
	}

	@Test
	void badInputsAreOneLine(@TempDir Path dir) throws Exception {
		Path data = images(dir.resolve("data"), 1, 4);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Degradation.parse("50-10"));
		assertTrue(e.getMessage().contains("backwards"));
		assertThrows(IllegalArgumentException.class, () -> Degradation.parse("ten"));
		assertThrows(IllegalArgumentException.class, () -> Degradation.parse("0,20"));
		RuntimeException one = assertThrows(RuntimeException.class, () -> new FineTune(options(data, dir.resolve("x.json")), s -> {}).run(Progress.NONE));
		assertTrue(one.getMessage().contains("at least 2 usable images"), one.getMessage());
		FineTune.Options o = options(data, dir.resolve("x.txt"));
		assertTrue(assertThrows(IllegalArgumentException.class, () -> new FineTune(o, s -> {}).run(Progress.NONE)).getMessage().contains("NAME.json"));
		FineTune.Options blind = options(data, dir.resolve("y.json"));
		blind.model = TestModels.tinyBlindCardPath().toString();
		assertTrue(assertThrows(RuntimeException.class, () -> new FineTune(blind, s -> {}).run(Progress.NONE)).getMessage().contains("trains luma and color models"));
	}

	@Test
	void aColorModelTunesBehindItsLumaModelOnRgbImages(@TempDir Path dir) throws Exception {
		Path data = Files.createDirectories(dir.resolve("rgb"));
		Random r = new Random(7);
		for (int k = 0; k < 6; k++) {
			Image8 im = new Image8(128, 112, 3);
			double f = 3 + r.nextInt(4);
			for (int y = 0; y < im.height; y++)
				for (int x = 0; x < im.width; x++)
					for (int c = 0; c < 3; c++)
						im.set(x, y, c, Image8.clamp255(128 + 60 * Math.sin(x / (f + c)) * Math.cos(y / (4.0 + c)) + 8 * r.nextGaussian()));
			ImageFiles.write(im, data.resolve("rgb" + k + ".png"), false);
		}
		images(data, 1, 9); // one gray image: skipped, it has no chroma
		List<String> log = new ArrayList<>();
		FineTune.Options o = options(data, dir.resolve("mine-color.json"));
		o.model = TestModels.tinyColorCardPath().toString();
		o.qf = "10-50";
		FineTune.Result res = new FineTune(o, log::add).run(Progress.NONE);
		assertTrue(log.stream().anyMatch(l -> l.contains("img0.png: a gray image")), String.join("\n", log));
		assertEquals(6, res.trainImages + res.heldOutImages);
		assertEquals(60, res.steps);
		assertEquals(9, res.rows.size());
		for (FineTune.Row row : res.rows) assertTrue(row.jpeg > 20 && row.base > row.jpeg - 1 && row.tuned > row.jpeg - 1, row.label + ": " + row.jpeg + " " + row.base + " " + row.tuned);
		assertTrue(res.rows.stream().anyMatch(row -> Math.abs(row.tuned - row.base) > 1e-4), "training changed the chroma network");
		assertTrue(res.verdict.startsWith("written") || res.verdict.startsWith("not written"), res.verdict);
		if (res.written) {
			ModelCard card = ModelCard.read(dir.resolve("mine-color.json"));
			assertEquals(io.github.jpegrestore.inference.ModelTask.COLOR, card.task);
			assertTrue(card.json.get("memory_format") == null);
			io.github.jpegrestore.restore.RestoreOptions ro = new io.github.jpegrestore.restore.RestoreOptions().qf(io.github.jpegrestore.restore.QfChoice.parse("20")).device(io.github.jpegrestore.inference.DeviceChoice.CPU);
			Image8 rgb = ImageFiles.read(data.resolve("rgb0.png"));
			Image8 jpeg = JpegCodec.decode(JpegCodec.compress(rgb, 20, io.github.jpegrestore.jpeg.Subsampling.S420));
			try (io.github.jpegrestore.restore.Restorer rs = io.github.jpegrestore.restore.Restorers.create(dir.resolve("mine-color.json").toString(), ro)) {
				assertEquals(3, rs.restore(new io.github.jpegrestore.restore.Input(jpeg, null, null), Progress.NONE).image.channels);
			}
		}
	}

	@Test
	void degradationsFromARangeAndFromAnArchive(@TempDir Path dir) throws Exception {
		Degradation d = Degradation.parse("10-50");
		assertEquals(List.of(10, 20, 30, 40, 50, 60, 70, 80, 90), d.validation.stream().map(k -> k.qf).collect(java.util.stream.Collectors.toList()));
		assertEquals(4, d.validation.stream().filter(k -> k.guard).count());
		// every QF 10, 20 ... 90 is measured or has a measured QF within 5 of it
		assertEquals(List.of(12, 37, 20, 30, 50, 60, 70, 80, 90), Degradation.parse("12,37").validation.stream().map(k -> k.qf).collect(java.util.stream.Collectors.toList()));
		Random r = new Random(1);
		int inRange = 0;
		for (int i = 0; i < 4000; i++) {
			int q = d.sample(r).qf;
			assertTrue(q >= Degradation.RANGE_MIN && q <= Degradation.RANGE_MAX);
			if (q >= 10 && q <= 50) inRange++;
		}
		// three quarters in the range asked for, a quarter anywhere in the base model's range (of which 41 of 91 QFs fall in it)
		assertEquals(0.75 + 0.25 * 41 / 91.0, inRange / 4000.0, 0.03);
		Path like = Files.createDirectories(dir.resolve("like"));
		Image8 im = new Image8(64, 64, 1);
		for (int i = 0; i < 3; i++) Files.write(like.resolve("a" + i + ".jpg"), JpegCodec.compress(im, 25, null));
		Files.write(like.resolve("b.jpg"), JpegCodec.compress(im, 60, null));
		Files.write(like.resolve("broken.jpg"), new byte[] { (byte) 0xff, (byte) 0xd8, 1, 2 });
		Degradation a = Degradation.like(like);
		assertEquals(List.of(25, 60, 10, 20, 30, 40, 50, 70, 80, 90), a.validation.stream().map(k -> k.qf).collect(java.util.stream.Collectors.toList()));
		int n25 = 0, n60 = 0;
		for (int i = 0; i < 8000; i++) {
			int q = a.sample(r).qf;
			if (q == 25) n25++;
			if (q == 60) n60++;
		}
		assertEquals(3.0, n25 / (double) n60, 0.4, "each table as often as the archive has it");
	}

	@Test
	void anArchiveGivesItsChromaTableAndSubsamplingToo(@TempDir Path dir) throws Exception {
		Image8 rgb = new Image8(64, 64, 3);
		int[] luma = io.github.jpegrestore.jpeg.QuantTables.forQuality(30, false);
		int[] chroma = io.github.jpegrestore.jpeg.QuantTables.forQuality(70, true); // a camera's milder chroma table
		byte[] f444 = JpegCodec.compress(rgb, luma, chroma, Subsampling.S444);
		Path like = Files.createDirectories(dir.resolve("like"));
		Files.write(like.resolve("a.jpg"), f444);
		Degradation.Kind k = Degradation.like(like).validation.get(0);
		assertEquals(30, k.qf);
		assertEquals(70, k.chromaQf, "the color network is told the chroma table's QF, as ColorRestorer tells it");
		assertTrue(java.util.Arrays.equals(chroma, k.chromaTable));
		assertEquals(Subsampling.S444, k.subsampling);
		assertEquals("QF 30, 4:4:4", k.label);
		// a 4:2:2 file (luma sampling 2x1): trained as 4:2:0, and the description says so
		byte[] f422 = JpegCodec.compress(rgb, luma, chroma, Subsampling.S420);
		for (int i = 0; i + 12 < f422.length; i++)
			if ((f422[i] & 0xff) == 0xff && (f422[i + 1] & 0xff) == 0xc0) {
				f422[i + 11] = 0x21; // first component's sampling factors: h 2, v 1
				break;
			}
		Files.write(like.resolve("b.jpg"), f422);
		Degradation two = Degradation.like(like);
		assertTrue(two.description.contains("1 not 4:2:0 or 4:4:4, trained as 4:2:0"), two.description);
		assertTrue(two.validation.stream().anyMatch(v -> v.subsampling == Subsampling.S420 && v.label.endsWith("422 as 4:2:0")));
		// an IJG quality: IJG chroma at the same QF, 4:2:0 (what the shipped color model was trained on)
		Degradation.Kind ijg = Degradation.parse("40").validation.get(0);
		assertTrue(java.util.Arrays.equals(io.github.jpegrestore.jpeg.QuantTables.forQuality(40, true), ijg.chromaTable));
		assertEquals(40, ijg.chromaQf);
		assertEquals(Subsampling.S420, ijg.subsampling);
	}
}
