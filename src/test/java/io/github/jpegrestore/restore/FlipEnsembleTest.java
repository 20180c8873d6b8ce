package io.github.jpegrestore.restore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import io.github.jpegrestore.TestData;
import io.github.jpegrestore.TestModels;
import io.github.jpegrestore.inference.DeviceChoice;
import io.github.jpegrestore.inference.Precision;
import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.inference.Tiler;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.ImageConvert;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.QuantTables;
import io.github.jpegrestore.jpeg.Subsampling;
import io.github.jpegrestore.metrics.Metrics;
import io.github.jpegrestore.metrics.SsimWindow;
import io.github.jpegrestore.metrics.YMode;

class FlipEnsembleTest {
	/** A tiled model whose network is {@code fake} (the tiny model's card for the geometry). */
	static TiledModel fake(Tiler.Net net) {
		return new TiledModel(TestModels.tiny(), DeviceChoice.CPU, 0, 1, 1) {
			@Override
			Tiler.Net net(int qf) {
				return net;
			}
		};
	}

	static float[] run(TiledModel net, int w, int h, QfChoice.Grid grid, Tiler.Source src) {
		float[] out = new float[w * h];
		FlipEnsemble.run(net, w, h, grid, src, (c, x, y, v) -> out[y * w + x] = v, 20, null, Progress.NONE);
		return out;
	}

	@Test
	void anIdentityNetworkGivesTheInputBack() {
		int w = 45, h = 37;
		Image8 img = TestData.synthetic(w, h, 1, 3);
		Tiler.Source src = LumaRestorer.luma(img);
		float[] out = run(fake((in, c, tw, th) -> in.clone()), w, h, new QfChoice.Grid(3, 6), src);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) assertEquals(src.get(0, x, y), out[y * w + x], 1e-6, "pixel " + x + "," + y);
	}

	@Test
	void eachMirroredPassSeesTheBlocksWhereTheyLie() {
		// the network marks the first column (row) of each 8x8 block as it sees the blocks; mirrored
		// back, a mirrored pass's marks fall on the last column (row) of the image's blocks
		int w = 45, h = 37, gx = 3, gy = 6;
		Tiler.Net marker = (in, c, tw, th) -> {
			float[] o = new float[tw * th];
			for (int y = 0; y < th; y++)
				for (int x = 0; x < tw; x++) o[y * tw + x] = (x % 8 == 0 ? 0.5f : 0) + (y % 8 == 0 ? 0.25f : 0);
			return o;
		};
		float[] out = run(fake(marker), w, h, new QfChoice.Grid(gx, gy), (c, x, y) -> 0.5f);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int bx = Math.floorMod(x - gx, 8), by = Math.floorMod(y - gy, 8);
				// each edge column is marked by two of the four passes
				double want = (bx == 0 || bx == 7 ? 0.25 : 0) + (by == 0 || by == 7 ? 0.125 : 0);
				assertEquals(want, out[y * w + x], 1e-6, "pixel " + x + "," + y + " (block column " + bx + ", row " + by + ")");
			}
		assertEquals(5, FlipEnsemble.mirroredOrigin(0, 45));
		assertEquals(2, FlipEnsemble.mirroredOrigin(3, 45));
		assertEquals(0, FlipEnsemble.mirroredOrigin(0, 64));
	}

	@Test
	void theConstraintHoldsOnTheAverage() {
		Image8 jpeg = JpegCodec.roundTrip(TestData.synthetic(43, 35, 1, 4), 10, Subsampling.S420);
		Tiler.Source src = LumaRestorer.luma(jpeg);
		int[] table = QuantTables.forQuality(10, false);
		TiledModel noise = fake((in, c, tw, th) -> {
			float[] o = in.clone();
			for (int i = 0; i < o.length; i++) o[i] += (i % 7 - 3) * 0.1f;
			return o;
		});
		float[] noisy = run(noise, 43, 35, QfChoice.Grid.ORIGIN, src);
		float[] constrained = new float[43 * 35];
		FlipEnsemble.run(noise, 43, 35, QfChoice.Grid.ORIGIN, src, (c, x, y, v) -> constrained[y * 43 + x] = v, 10,
			new QuantConstraint(src, table, 43, 35), Progress.NONE);
		// projecting the already constrained average again changes nothing: it lies in the bins
		float[] again = constrained.clone();
		new QuantConstraint(src, table, 43, 35).apply(again, 1, 43, 35, 0, 0, 43, 35, 0, 0);
		assertArrayEquals(constrained, again, 1e-5f);
		double moved = 0;
		for (int i = 0; i < noisy.length; i++) moved = Math.max(moved, Math.abs(noisy[i] - constrained[i]));
		assertTrue(moved > 0.01, "the constraint changed the noisy average, by up to " + moved);
	}

	@Test
	void theShippedLumaModelGainsFromTheEnsemble() throws Exception {
		Image8 clean;
		try (InputStream in = FlipEnsembleTest.class.getResourceAsStream("/samples/sample.png")) {
			clean = ImageConvert.fromBuffered(ImageIO.read(in)).crop(0, 0, 251, 245);
		}
		Image8 jpeg = JpegCodec.roundTrip(clean, 10, Subsampling.S420);
		double[] psnr = new double[2];
		for (int e = 0; e < 2; e++) {
			RestoreOptions o = new RestoreOptions().qf(QfChoice.parse("10")).precision(Precision.FP32).ensemble(e == 1);
			try (Restorer r = Restorers.create("luma", o)) {
				assertEquals(e == 1 ? "luma+ens" : "luma", r.name());
				psnr[e] = Metrics.compute(clean, r.restore(Input.pixels(jpeg), Progress.NONE).image, YMode.FULL, SsimWindow.GAUSSIAN).psnr;
			}
		}
		double jpegPsnr = Metrics.compute(clean, jpeg, YMode.FULL, SsimWindow.GAUSSIAN).psnr;
		assertTrue(psnr[0] > jpegPsnr + 0.5, "luma " + psnr[0] + " vs JPEG " + jpegPsnr);
		assertTrue(psnr[1] > psnr[0] + 0.01, "ensemble " + psnr[1] + " vs single pass " + psnr[0]);
	}
}
