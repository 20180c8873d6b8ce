package io.github.jpegrestore.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.jpegrestore.TestData;
import io.github.jpegrestore.jpeg.Image8;

class MetricsTest {
	static Image8 constant(int w, int h, int channels, int v) {
		Image8 im = new Image8(w, h, channels);
		java.util.Arrays.fill(im.data, (byte) v);
		return im;
	}

	/**
	 * PSNR-B counts boundary pairs as H * (W / 8 - 1) with a REAL division, as FBCNN's compute_bef
	 * (Python's "/"): on a 20 x 12 image with one step of 10 across column boundary 7|8 in every row,
	 * N_HB = 12 * (2.5 - 1) = 18, not 12 * (2 - 1) = 12.
	 */
	@Test
	void psnrbUsesRealDivisionForTheBoundaryCount() {
		int w = 20, h = 12;
		Image8 ref = new Image8(w, h, 1), test = new Image8(w, h, 1);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) test.set(x, y, 0, x >= 8 ? 10 : 0);
		double mse = 10 * 10 * (w - 8) * h / (double) (w * h);
		double nHB = h * (w / 8.0 - 1), nVB = w * (h / 8.0 - 1);
		double dB = 100.0 * h / (nHB + nVB); // the only non-zero differences are the 12 pairs at 7|8
		double bef = Math.log(8) / Math.log(h) * dB; // D_Bc = 0
		double expected = 10 * Math.log10(255.0 * 255.0 / (mse + bef));
		assertEquals(expected, Metrics.compute(ref, test, YMode.FULL, SsimWindow.UNIFORM8).psnrb, 1e-9);
	}

	@Test
	void psnrOfUnitError() {
		// MSE 1 -> 10 log10(255^2) = 48.1308 dB
		Metrics.Result r = Metrics.compute(constant(16, 16, 1, 100), constant(16, 16, 1, 101), YMode.FULL, SsimWindow.GAUSSIAN);
		assertEquals(48.1308036, r.psnr, 1e-6);
	}

	@Test
	void identicalImages() {
		Image8 a = TestData.synthetic(40, 30, 3, 5);
		Metrics.Result r = Metrics.compute(a, a.copy(), YMode.NONE, SsimWindow.GAUSSIAN);
		assertEquals(Double.POSITIVE_INFINITY, r.psnr);
		assertEquals(1.0, r.ssim, 1e-12);
	}

	@Test
	void ssimOfConstantImagesIsTheLuminanceTerm() {
		// no variance: SSIM = (2ab + C1) / (a^2 + b^2 + C1) at every position
		double c1 = Math.pow(0.01 * 255, 2), a = 100, b = 120;
		double expected = (2 * a * b + c1) / (a * a + b * b + c1);
		for (SsimWindow w : SsimWindow.values())
			assertEquals(expected, Metrics.compute(constant(20, 20, 1, 100), constant(20, 20, 1, 120), YMode.FULL, w).ssim, 1e-12);
	}

	@Test
	void ssimOfTwoValuePattern() {
		// x: alternating columns 0/255 (one window: mean 127.5, variance 127.5^2); y = x shifted by one column
		// with the 8x8 uniform window on an 8x8 image there is exactly one position:
		// mu equal, sigma_x = sigma_y = 127.5^2, cov = -127.5^2 -> SSIM = (2 mu^2 + C1)/(2 mu^2 + C1) * (-2s + C2)/(2s + C2)
		Image8 x = new Image8(8, 8, 1), y = new Image8(8, 8, 1);
		for (int r = 0; r < 8; r++)
			for (int c = 0; c < 8; c++) {
				x.set(c, r, 0, c % 2 == 0 ? 0 : 255);
				y.set(c, r, 0, c % 2 == 0 ? 255 : 0);
			}
		double s = 127.5 * 127.5, c2 = Math.pow(0.03 * 255, 2);
		assertEquals((-2 * s + c2) / (2 * s + c2), Metrics.compute(x, y, YMode.FULL, SsimWindow.UNIFORM8).ssim, 1e-12);
	}

	@Test
	void psnrbOfOneBlockEdge() {
		// 16x16, left half 0, right half 10: only the column pair (7, 8) differs, by 10, in 16 rows.
		// D_B = 16 * 100 / (N_HB + N_VB) = 1600 / (16 + 16) = 50; D_Bc = 0; eta = log2 8 / log2 16 = 0.75
		// BEF = 37.5; against itself MSE = 0 -> PSNR-B = 10 log10(255^2 / 37.5)
		Image8 y = new Image8(16, 16, 1);
		for (int r = 0; r < 16; r++)
			for (int c = 8; c < 16; c++) y.set(c, r, 0, 10);
		assertEquals(37.5, Metrics.bef(y.plane(0), 16, 16), 1e-12);
		assertEquals(10 * Math.log10(255.0 * 255 / 37.5), Metrics.compute(y, y.copy(), YMode.FULL, SsimWindow.GAUSSIAN).psnrb, 1e-9);
		// the same edge off the block boundary is not blocking: D_B < D_Bc -> BEF = 0
		Image8 z = new Image8(16, 16, 1);
		for (int r = 0; r < 16; r++)
			for (int c = 5; c < 16; c++) z.set(c, r, 0, 10);
		assertEquals(0.0, Metrics.bef(z.plane(0), 16, 16), 0);
	}

	@Test
	void psnrbMeasuresTheTestImageNotTheReference() {
		Image8 blocky = new Image8(16, 16, 1);
		for (int r = 0; r < 16; r++)
			for (int c = 8; c < 16; c++) blocky.set(c, r, 0, 10);
		Image8 flat = new Image8(16, 16, 1);
		Metrics.Result refBlocky = Metrics.compute(blocky, flat, YMode.FULL, SsimWindow.GAUSSIAN);
		assertEquals(refBlocky.psnr, refBlocky.psnrb, 1e-12);
		Metrics.Result testBlocky = Metrics.compute(flat, blocky, YMode.FULL, SsimWindow.GAUSSIAN);
		assertTrue(testBlocky.psnrb < testBlocky.psnr);
	}

	@Test
	void yConventions() {
		Image8 rgb = new Image8(12, 12, 3), rgb2 = new Image8(12, 12, 3);
		for (int i = 0; i < 144; i++) {
			rgb.data[3 * i] = (byte) 200; // R only
			rgb2.data[3 * i] = (byte) 190;
		}
		// full Y: round(0.299 * 200) = 60 vs round(0.299 * 190) = 57 -> MSE 9
		assertEquals(10 * Math.log10(255.0 * 255 / 9), Metrics.compute(rgb, rgb2, YMode.FULL, SsimWindow.GAUSSIAN).psnr, 1e-9);
		// studio Y: round(16 + 65.481 * 200 / 255) = 67 vs round(16 + 65.481 * 190 / 255) = 65 -> MSE 4
		assertEquals(10 * Math.log10(255.0 * 255 / 4), Metrics.compute(rgb, rgb2, YMode.STUDIO, SsimWindow.GAUSSIAN).psnr, 1e-9);
		// none: MSE over all channels = 100 / 3
		assertEquals(10 * Math.log10(255.0 * 255 * 3 / 100), Metrics.compute(rgb, rgb2, YMode.NONE, SsimWindow.GAUSSIAN).psnr, 1e-9);
	}

	@Test
	void badPairsAreRefused() {
		assertThrows(IllegalArgumentException.class, () -> Metrics.compute(constant(16, 16, 1, 0), constant(16, 17, 1, 0), YMode.FULL, SsimWindow.GAUSSIAN));
		assertThrows(IllegalArgumentException.class, () -> Metrics.compute(constant(10, 10, 1, 0), constant(10, 10, 1, 0), YMode.FULL, SsimWindow.GAUSSIAN));
		assertThrows(IllegalArgumentException.class, () -> Metrics.compute(constant(16, 16, 1, 0), constant(16, 16, 3, 0), YMode.NONE, SsimWindow.GAUSSIAN));
	}
}
