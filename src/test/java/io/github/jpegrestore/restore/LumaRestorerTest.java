package io.github.jpegrestore.restore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.github.jpegrestore.TestData;
import io.github.jpegrestore.TestModels;
import io.github.jpegrestore.inference.DeviceChoice;
import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.inference.Tiler;
import io.github.jpegrestore.jpeg.Dct;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.JpegRestoreException;
import io.github.jpegrestore.jpeg.JpegInfo;
import io.github.jpegrestore.jpeg.QuantTables;
import io.github.jpegrestore.jpeg.Subsampling;
import io.github.jpegrestore.jpeg.YCbCr;

class LumaRestorerTest {
	static Restorer tiny(int tile) {
		return TestModels.tinyLuma(20, tile);
	}

	static Image8 restore(Restorer r, Image8 img) {
		return r.restore(Input.pixels(img), Progress.NONE).image;
	}

	/** The luma restorer with a stand-in network (the tiny model's card for geometry). */
	static LumaRestorer withNet(Tiler.Net fake, int tile, boolean constrain) {
		TiledModel net = new TiledModel(TestModels.tiny(), DeviceChoice.CPU, tile, 1, 1) {
			@Override
			Tiler.Net net(int qf) {
				return fake;
			}
		};
		return new LumaRestorer(net, new RestoreOptions().qf(QfChoice.AUTO).constrain(constrain));
	}

	@Test
	void grayInGrayOutInputUntouched() {
		Image8 img = JpegCodec.roundTrip(TestData.synthetic(70, 45, 1, 1), 10, Subsampling.S420);
		Image8 before = img.copy();
		Image8 out = TestModels.restoreLuma(img, 10, 64);
		assertEquals(before, img, "input unchanged");
		assertEquals("70x45 gray", out.toString());
		assertNotEquals(img, out, "the model changes pixels");
	}

	@Test
	void rgbKeepsChroma() {
		Image8 img = JpegCodec.roundTrip(TestData.synthetic(40, 40, 3, 2), 20, Subsampling.S420);
		Image8 out = restore(tiny(0), img);
		assertEquals(3, out.channels);
		double[][] a = YCbCr.toPlanes(img), b = YCbCr.toPlanes(out);
		double dc = 0, dy = 0;
		for (int i = 0; i < a[0].length; i++) {
			dc = Math.max(dc, Math.max(Math.abs(a[1][i] - b[1][i]), Math.abs(a[2][i] - b[2][i])));
			dy = Math.max(dy, Math.abs(a[0][i] - b[0][i]));
		}
		assertTrue(dc <= 2.5, "Cb/Cr kept up to RGB rounding, max change " + dc);
		assertTrue(dy > 0.5, "Y restored");
	}

	@Test
	void concurrentRestorationsGiveTheSameResults() throws Exception {
		Image8 a = JpegCodec.roundTrip(TestData.synthetic(130, 100, 1, 3), 15, Subsampling.S420);
		Image8 b = JpegCodec.roundTrip(TestData.synthetic(100, 120, 1, 4), 40, Subsampling.S420);
		Restorer r = TestModels.tinyLuma(15, 64);
		Image8 ea = restore(r, a), eb = TestModels.restoreLuma(b, 40, 80);
		ExecutorService ex = Executors.newFixedThreadPool(4);
		try {
			for (int round = 0; round < 3; round++) {
				Future<Image8> fa = ex.submit(() -> restore(r, a));
				Future<Image8> fb = ex.submit(() -> TestModels.restoreLuma(b, 40, 80));
				assertEquals(ea, fa.get());
				assertEquals(eb, fb.get());
			}
		} finally {
			ex.shutdown();
		}
	}

	@Test
	void cancelStopsWithoutResult() {
		Image8 img = TestData.synthetic(200, 200, 1, 5);
		io.github.jpegrestore.CancelAfter p = new io.github.jpegrestore.CancelAfter(2);
		Restorer r = tiny(64);
		assertThrows(CancellationException.class, () -> r.restore(Input.pixels(img), p));
		assertEquals(2, p.updates.get());
	}

	@Test
	void outOfMemoryHalvesTheTile() {
		Image8 img = TestData.synthetic(300, 260, 1, 6);
		int halo = TestModels.tiny().halo;
		Tiler.Net net = (in, c, w, h) -> {
			if (w > 64 + 2 * halo || h > 64 + 2 * halo) throw new JpegRestoreException("model failed: DefaultCPUAllocator: not enough memory: you tried to allocate; out of memory");
			return in.clone();
		};
		LumaRestorer r = withNet(net, 256, false);
		Image8 out = r.restore(new Input(img, null, null), Progress.NONE).image;
		assertEquals(img, out, "identity net gives the input back");
		Tiler.Net broken = (in, c, w, h) -> {
			throw new JpegRestoreException("model failed: shape mismatch");
		};
		assertThrows(JpegRestoreException.class, () -> withNet(broken, 256, false).restore(Input.pixels(img), Progress.NONE));
	}

	@Test
	void constraintKeepsCoefficientsInTheirBins() {
		Image8 src = TestData.synthetic(64, 48, 1, 7);
		byte[] jpg = JpegCodec.compress(src, 25, Subsampling.S420);
		Image8 dec = JpegCodec.decode(jpg);
		int[] table = JpegInfo.parse(jpg).tableOf(0);
		assertArrayEquals(QuantTables.forQuality(25, false), table);
		// a "restorer" that blurs strongly, so most coefficients leave their bins
		Tiler.Net blur = (in, c, w, h) -> {
			float[] o = new float[in.length];
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					float s = 0;
					int n = 0;
					for (int dy = -3; dy <= 3; dy++)
						for (int dx = -3; dx <= 3; dx++) {
							int xx = Math.min(w - 1, Math.max(0, x + dx)), yy = Math.min(h - 1, Math.max(0, y + dy));
							s += in[yy * w + xx];
							n++;
						}
					o[y * w + x] = s / n;
				}
			return o;
		};
		Input in = Input.jpegFile(jpg);
		Image8 free = withNet(blur, 32, false).restore(in, Progress.NONE).image;
		Image8 constrained = withNet(blur, 32, true).restore(in, Progress.NONE).image;
		int outsideFree = outsideBins(free, dec, table), outsideConstrained = outsideBins(constrained, dec, table);
		assertTrue(outsideFree > 100, "the blur leaves the bins: " + outsideFree);
		assertTrue(outsideConstrained < outsideFree / 20, "after the constraint only rounding remains: " + outsideConstrained);
	}

	/** Coefficients of img's full blocks farther than half a step (+0.6 for 8-bit rounding) from the file's. */
	static int outsideBins(Image8 img, Image8 dec, int[] table) {
		int n = 0;
		double[] a = new double[64], b = new double[64], ca = new double[64], cb = new double[64];
		for (int by = 0; by + 8 <= img.height; by += 8)
			for (int bx = 0; bx + 8 <= img.width; bx += 8) {
				for (int y = 0; y < 8; y++)
					for (int x = 0; x < 8; x++) {
						a[8 * y + x] = img.get(bx + x, by + y, 0) - 128;
						b[8 * y + x] = dec.get(bx + x, by + y, 0) - 128;
					}
				Dct.forward(a, ca);
				Dct.forward(b, cb);
				for (int i = 0; i < 64; i++) {
					double k = Math.rint(cb[i] / table[i]);
					if (Math.abs(ca[i] - k * table[i]) > table[i] / 2.0 + 0.6) n++;
				}
			}
		return n;
	}

	@Test
	void wrongTaskAndBadTileAreRefused() {
		assertThrows(IllegalArgumentException.class, () -> new RestoreOptions().tile(-1));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withNet(null, 0, true).restore(Input.pixels(TestData.synthetic(32, 32, 1, 1)), Progress.NONE));
		assertTrue(e.getMessage().contains("JPEG file"), e.getMessage());
	}
}
