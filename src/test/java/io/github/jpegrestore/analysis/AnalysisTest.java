package io.github.jpegrestore.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.github.jpegrestore.TestData;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.QuantTables;
import io.github.jpegrestore.jpeg.Subsampling;
import io.github.jpegrestore.jpeg.Zigzag;
import io.github.jpegrestore.restore.Benchmark;

class AnalysisTest {
	@Test
	void pureCosineFillsExactlyOneBand() {
		int w = 64, h = 48, u = 3, v = 2;
		double[] p = new double[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				p[y * w + x] = 128 + 50 * Math.cos((2 * (x % 8) + 1) * u * Math.PI / 16) * Math.cos((2 * (y % 8) + 1) * v * Math.PI / 16);
		float[][] bands = BlockDct.bands(p, w, h);
		int target = -1;
		for (int k = 0; k < 64; k++)
			if (Zigzag.NATURAL[k] == 8 * v + u) target = k;
		double total = 0, in = 0;
		for (int k = 0; k < 64; k++)
			for (float c : bands[k]) {
				total += c * (double) c;
				if (k == target) in += c * (double) c;
			}
		assertTrue(in / total > 1 - 1e-9, "energy in band " + target + ": " + in / total);
		assertEquals("k=" + target + " u=3 v=2", BlockDct.bandLabel(target));
		assertEquals((w / 8) * (h / 8), bands[target].length);
	}

	/** Largest distance of c / Q from an integer over all blocks and frequencies. */
	static double offLattice(double[] plane, int w, int h, int[] table) {
		double worst = 0;
		for (double[] c : BlockDct.coefficients(plane, w, h))
			for (int i = 0; i < 64; i++) {
				double r = c[i] / table[i];
				worst = Math.max(worst, Math.abs(r - Math.rint(r)));
			}
		return worst;
	}

	@Test
	void decodedJpegLiesOnTheQuantizationLattice() {
		// low contrast around mid-gray: no clipping in the decoder
		Image8 src = new Image8(96, 80, 1);
		Random r = new Random(1);
		for (int y = 0; y < 80; y++)
			for (int x = 0; x < 96; x++) src.set(x, y, 0, (int) Math.round(128 + 25 * Math.sin(x / 4.0) * Math.cos(y / 6.0) + r.nextGaussian() * 6));
		int[] table = QuantTables.forQuality(30, false);
		Image8 dec = JpegCodec.roundTrip(src, 30, Subsampling.S420);
		double onJpeg = offLattice(dec.plane(0), 96, 80, table), onSource = offLattice(src.plane(0), 96, 80, table);
		assertTrue(onJpeg < 0.15, "decoded JPEG: c/Q within rounding of integers, worst " + onJpeg);
		assertTrue(onSource > 0.4, "the uncompressed image is not on the lattice, worst " + onSource);
	}

	@Test
	void patchClassesHaveEqualCountsAndTiesFollowPatchOrder() {
		Image8 img = TestData.synthetic(64 * 8, 64 * 5, 1, 3);
		List<PatchAnalysis.Patch> ps = PatchAnalysis.analyse(img.plane(0), img.width, img.height, null);
		assertEquals(40, ps.size());
		int[] f = new int[6], d = new int[6];
		for (PatchAnalysis.Patch p : ps) {
			f[p.frequencyClass]++;
			d[p.detailClass]++;
		}
		for (int c = 1; c <= 5; c++) {
			assertEquals(8, f[c]);
			assertEquals(8, d[c]);
		}
		// a flat image: all scores tie, classes follow patch order (row by row)
		List<PatchAnalysis.Patch> flat = PatchAnalysis.analyse(new double[64 * 64 * 10], 64 * 5, 64 * 2, null);
		for (int i = 0; i < 10; i++) assertEquals(1 + i / 2, flat.get(i).frequencyClass);
		// 7 patches: sizes differ by at most one
		List<PatchAnalysis.Patch> seven = PatchAnalysis.analyse(TestData.synthetic(64 * 7, 64, 1, 4).plane(0), 64 * 7, 64, null);
		int[] s = new int[6];
		for (PatchAnalysis.Patch p : seven) s[p.frequencyClass]++;
		for (int c = 1; c <= 5; c++) assertTrue(s[c] == 1 || s[c] == 2);
	}

	@Test
	void fineTextureScoresAboveSmoothGradient() {
		int w = 128, h = 64;
		double[] p = new double[w * h];
		Random r = new Random(5);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				p[y * w + x] = x < 64 ? 128 + 60 * ((x + y) % 2 == 0 ? 1 : -1) * (0.5 + r.nextDouble() / 2) : 40 + 2.5 * (x - 64) + y;
		List<PatchAnalysis.Patch> ps = PatchAnalysis.analyse(p, w, h, null);
		PatchAnalysis.Patch texture = ps.get(0), smooth = ps.get(1);
		assertTrue(texture.frequency > smooth.frequency + 0.2, texture.frequency + " vs " + smooth.frequency);
		assertTrue(texture.detail > smooth.detail, texture.detail + " vs " + smooth.detail);
		assertTrue(smooth.detail < 0.01, "a gentle gradient has no Canny edges but at its border with the texture: " + smooth.detail);
	}

	@Test
	void patchMetricsAgainstAReference() {
		Image8 ref = TestData.synthetic(128, 128, 1, 6);
		Image8 jpg = JpegCodec.roundTrip(ref, 20, Subsampling.S420);
		List<PatchAnalysis.Patch> ps = PatchAnalysis.analyse(jpg.plane(0), 128, 128, ref.plane(0));
		assertEquals(4, ps.size());
		for (PatchAnalysis.Patch p : ps) assertTrue(p.psnr > 20 && p.psnr < 60 && p.ssim > 0 && p.ssim < 1 && p.psnrb <= p.psnr + 1e-9);
		double[][] m = PatchAnalysis.classMeans(ps, true);
		int n = 0;
		for (int c = 1; c <= 5; c++) n += (int) m[c][3];
		assertEquals(4, n);
	}

	@Test
	void blindEstimateOnSyntheticImages() {
		Image8 src = TestData.synthetic(256, 192, 1, 7);
		for (int qf : new int[] { 5, 10, 25, 50, 75, 90 })
			assertEquals(qf, QfEstimator.estimate(JpegCodec.roundTrip(src, qf, Subsampling.S420)).qf, 5, "QF " + qf);
		assertFalse(QfEstimator.estimate(src).compressed, "an uncompressed image shows no JPEG traces");
		Image8 rgb = TestData.synthetic(128, 128, 3, 8);
		assertEquals(40, QfEstimator.estimate(JpegCodec.roundTrip(rgb, 40, Subsampling.S420)).qf, 5);
	}

	@Test
	void doubleCompressionWithShiftedGridIsFlagged() {
		Image8 src = TestData.synthetic(256, 256, 1, 9);
		Image8 d = JpegCodec.decode(JpegCodec.compressDouble(src, 25, 90, 3, 5, Subsampling.S420));
		QfEstimator.GridScan g = QfEstimator.scanGrids(d);
		assertTrue(g.doubleCompressed());
		assertEquals(90, g.aligned.qf, 5);
		assertEquals(25, g.shifted.qf, 5);
		assertEquals(5, g.dx);
		assertEquals(3, g.dy);
		QfEstimator.GridScan single = QfEstimator.scanGrids(JpegCodec.roundTrip(src, 60, Subsampling.S420));
		assertFalse(single.doubleCompressed());
		QfEstimator.GridScan cropped = QfEstimator.scanGrids(JpegCodec.roundTrip(src, 40, Subsampling.S420).crop(2, 6, 200, 200));
		assertTrue(cropped.gridShifted());
	}

	@Test
	void strongerEarlierCompressionOnAShiftedGridIsTheDominantQf() {
		Image8 src = TestData.synthetic(256, 256, 1, 9);
		// where the full 64-grid scan sees the first compression, the quick check finds it too (neither
		// sees (20, 50) on this image: the second compression blurs the first lattice past NO_FIT)
		for (int[] c : new int[][] { { 10, 30 }, { 10, 50 }, { 5, 20 }, { 25, 90 } }) {
			Image8 d = JpegCodec.decode(JpegCodec.compressDouble(src, c[0], c[1], 3, 5, Subsampling.S420));
			QfEstimator.GridFit g = QfEstimator.strongerShiftedCompression(d, c[1]);
			assertEquals(c[0], g.qf, 3, "double " + c[0] + " then " + c[1]);
			// dropping 3 columns and 5 rows puts the first grid's blocks at (5, 3)
			assertEquals(5, g.dx, "grid x");
			assertEquals(3, g.dy, "grid y");
		}
		// a weaker first compression is not the dominant one, and a single JPEG has none
		Image8 weakFirst = JpegCodec.decode(JpegCodec.compressDouble(src, 60, 20, 3, 5, Subsampling.S420));
		assertNull(QfEstimator.strongerShiftedCompression(weakFirst, 20));
		for (int q : new int[] { 10, 30, 50, 75, 95 })
			assertNull(QfEstimator.strongerShiftedCompression(JpegCodec.roundTrip(src, q, Subsampling.S420), q), "single JPEG at QF " + q);
	}

	@Test
	void blindEstimateWithinFiveOnClassic5() {
		Path shared = TestData.sharedData();
		if (shared == null) System.err.println("SKIPPED blind QF on Classic5: ../shared/data is absent");
		Assumptions.assumeTrue(shared != null, "../shared/data absent");
		List<String> misses = new ArrayList<>();
		for (Path f : Benchmark.images(shared.resolve("val/classic5"))) {
			Image8 im = ImageFiles.read(f);
			for (int qf = 10; qf <= 90; qf += 10) {
				int e = QfEstimator.estimate(JpegCodec.roundTrip(im, qf, Subsampling.S420)).qf;
				if (Math.abs(e - qf) > 5) misses.add(f.getFileName() + " QF " + qf + " -> " + e);
			}
		}
		assertTrue(misses.isEmpty(), misses.toString());
	}
}
