package io.github.jpegrestore.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

import io.github.jpegrestore.JpegRestoreException;
import io.github.jpegrestore.TestData;
import io.github.jpegrestore.TestModels;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.Subsampling;

/** Tiling with the tiny real model: seamless, any size, grid kept. */
class TilerTest {
	static final ModelCard CARD = TestModels.tiny();

	static float[] runTiled(Image8 img, int tile, int halo, int qf) {
		return runTiled(CARD, img, tile, halo, qf);
	}

	static float[] runTiled(ModelCard card, Image8 img, int tile, int halo, int qf) {
		TorchModel m = Sessions.get(card, DeviceChoice.CPU);
		int w = img.width, h = img.height;
		float[] out = new float[w * h];
		java.util.Arrays.fill(out, Float.NaN);
		Tiler t = new Tiler(tile, halo, card.sizeMultiple, 1, 1);
		t.run(w, h, (c, x, y) -> img.get(x, y, 0) / 255f, (c, x, y, v) -> out[y * w + x] = v,
			(in, c, tw, th) -> m.run(in, new long[] { 1, c, th, tw }, new float[] { qf / 100f }).image, null, Progress.NONE);
		return out;
	}

	static double maxDiff(float[] a, float[] b) {
		double d = 0;
		for (int i = 0; i < a.length; i++) {
			assertTrue(!Float.isNaN(a[i]) && !Float.isNaN(b[i]), "every pixel written");
			d = Math.max(d, Math.abs(a[i] - b[i]));
		}
		return d;
	}

	@Test
	void tiledEqualsUntiled() {
		Image8 img = TestData.synthetic(150, 97, 1, 4);
		float[] whole = runTiled(img, 1024, CARD.halo, 20);
		float[] tiled = runTiled(img, 32, CARD.halo, 20);
		assertTrue(maxDiff(whole, tiled) <= 1e-3, "tiled vs untiled " + maxDiff(whole, tiled));
		// the model is not the identity, and without a halo the tiles show: this test can fail
		double change = 0;
		for (int i = 0; i < whole.length; i++) change = Math.max(change, Math.abs(whole[i] - img.data[i] / 255f));
		assertTrue(change > 1e-3, "model changes the image: " + change);
		assertTrue(maxDiff(whole, runTiled(img, 32, 0, 20)) > 1e-3, "no halo, visible seams");
	}

	/** Pixels differing after rounding to 8 bit, and the largest difference in gray levels. */
	static int[] levelDiff(float[] a, float[] b) {
		int n = 0, worst = 0;
		for (int i = 0; i < a.length; i++) {
			int d = Math.abs(Math.round(Math.min(1, Math.max(0, a[i])) * 255) - Math.round(Math.min(1, Math.max(0, b[i])) * 255));
			if (d > 0) n++;
			worst = Math.max(worst, d);
		}
		return new int[] { n, worst };
	}

	@Test
	void theShippedLumaModelTilesWithItsMeasuredHalo() {
		// the card's tile_halo (training/halo.py) is smaller than the receptive halo and keeps tiled
		// output within one gray level of untiled (docs/architecture.md §3)
		ModelCard luma = ModelStore.find("luma");
		assertTrue(luma.tileHalo < luma.halo, "luma card has a measured tile_halo: " + luma.tileHalo + " vs " + luma.halo);
		Image8 img = JpegCodec.roundTrip(TestData.synthetic(400, 304, 1, 9), 10, Subsampling.S420);
		float[] whole = runTiled(luma, img, 1024, luma.halo, 10);
		int[] d = levelDiff(whole, runTiled(luma, img, 128, luma.tileHalo, 10));
		assertTrue(d[1] <= 1, "tile_halo " + luma.tileHalo + ": " + d[0] + " pixels differ, up to " + d[1] + " levels");
		// the check can fail: with a halo of 16 pixels move by more than one level
		int[] small = levelDiff(whole, runTiled(luma, img, 128, 16, 10));
		assertTrue(small[1] > 1, "halo 16: " + small[0] + " pixels differ, up to " + small[1] + " levels");
	}

	@Test
	void tileHaloIsReadAndBounded(@TempDir Path dir) throws Exception {
		assertEquals(CARD.halo, CARD.tileHalo, "without tile_halo the exact halo");
		JsonObject j = CARD.json.deepCopy();
		j.addProperty("tile_halo", 32);
		Path card = dir.resolve("t.json");
		Files.writeString(card, j.toString());
		assertEquals(32, ModelCard.read(card).tileHalo);
		j.addProperty("tile_halo", CARD.halo + 16);
		Files.writeString(card, j.toString());
		JpegRestoreException e = assertThrows(JpegRestoreException.class, () -> ModelCard.read(card));
		assertTrue(e.getMessage().contains("tile_halo " + (CARD.halo + 16)), e.getMessage());
	}

	@Test
	void anySize() {
		for (int[] s : new int[][] { { 1, 1 }, { 1, 300 }, { 300, 1 }, { 7, 9 }, { 17, 33 } }) {
			Image8 img = TestData.synthetic(s[0], s[1], 1, 5);
			float[] out = runTiled(img, 64, CARD.halo, 30);
			for (float v : out) assertTrue(!Float.isNaN(v), s[0] + "x" + s[1]);
		}
	}

	@Test
	void longStrip() {
		Image8 img = TestData.synthetic(30000, 200, 1, 6);
		float[] a = runTiled(img, 512, CARD.halo, 40);
		// the first 2000 columns alone give the same pixels away from the cut
		Image8 part = img.crop(0, 0, 2000, 200);
		float[] b = runTiled(part, 512, CARD.halo, 40);
		double d = 0;
		for (int y = 0; y < 200; y++)
			for (int x = 0; x < 2000 - CARD.halo; x++) d = Math.max(d, Math.abs(a[y * 30000 + x] - b[y * 2000 + x]));
		assertTrue(d <= 1e-3, "strip vs its crop " + d);
	}

	@Test
	void tileGeometry() {
		Tiler t = new Tiler(100, 50, 16, 1, 1);
		assertEquals(112, t.tile());
		assertEquals(64, t.halo);
		assertTrue(t.halveTile());
		assertEquals(64, t.tile());
		assertTrue(!t.halveTile(), "not below four multiples");
		assertEquals(1, new Tiler(512, 64, 16, 1, 1).tileCount(1, 1));
		assertEquals(25, new Tiler(512, 64, 16, 1, 1).tileCount(30000, 200), "a strip thinner than a tile: tiles of 1248 x 208, same area");
		int auto = Tiler.autoTile(112, 1024, 16);
		assertTrue(auto >= 128 && auto <= 1024 && auto % 16 == 0, "auto tile " + auto);
	}
}
