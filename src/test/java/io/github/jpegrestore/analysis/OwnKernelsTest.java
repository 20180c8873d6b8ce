package io.github.jpegrestore.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;

import org.jtransforms.fft.DoubleFFT_2D;
import org.junit.jupiter.api.Test;

import boofcv.alg.feature.detect.edge.CannyEdge;
import boofcv.factory.feature.detect.edge.FactoryEdgeDetectors;
import boofcv.struct.image.GrayF32;
import boofcv.struct.image.GrayU8;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.Subsampling;

/**
 * The suite's own FFT and Canny replaced JTransforms and BoofCV at run time (Fiji ships neither
 * JTransforms 3 nor BoofCV's ejml version); both libraries stay as test references.
 */
class OwnKernelsTest {
	@Test
	void fftEqualsJTransforms() {
		int n = PatchAnalysis.PATCH;
		Random r = new Random(3);
		double[] ours = new double[2 * n * n], theirs = new double[2 * n * n];
		for (int i = 0; i < n * n; i++) {
			double v = r.nextGaussian() * 40 + (i % n) * 0.7;
			ours[2 * i] = v;
			theirs[i] = v;
		}
		new Fft2d(n).forward(ours);
		new DoubleFFT_2D(n, n).realForwardFull(theirs);
		double worst = 0, scale = 0;
		for (int i = 0; i < ours.length; i++) {
			worst = Math.max(worst, Math.abs(ours[i] - theirs[i]));
			scale = Math.max(scale, Math.abs(theirs[i]));
		}
		assertTrue(worst < 1e-9 * scale, "largest difference " + worst + " of " + scale);
		// and a single frequency lands where the definition puts it: f = cos(2 pi (3x + 5y) / n) -> n^2/2 at (3,5) and (n-3, n-5)
		double[] wave = new double[2 * n * n];
		for (int y = 0; y < n; y++)
			for (int x = 0; x < n; x++) wave[2 * (y * n + x)] = Math.cos(2 * Math.PI * (3 * x + 5 * y) / n);
		new Fft2d(n).forward(wave);
		assertEquals(n * n / 2.0, wave[2 * (5 * n + 3)], 1e-9);
		assertEquals(n * n / 2.0, wave[2 * ((n - 5) * n + n - 3)], 1e-9);
		assertEquals(0, wave[2 * (3 * n + 5)], 1e-9);
	}

	@Test
	void cannyAgreesWithBoofCv() {
		Image8 ref = ImageFiles.read(Path.of("src/main/resources/samples/sample.png"));
		int[] qfs = { 100, 30, 10 };
		for (int qf : qfs) {
			Image8 img = qf == 100 ? ref : JpegCodec.roundTrip(ref, qf, Subsampling.S420);
			double[] p = img.plane(0);
			byte[] ours = PatchAnalysis.canny(p, img.width, img.height);
			byte[] theirs = boofCanny(p, img.width, img.height);
			int differ = 0, edges = 0;
			for (int i = 0; i < ours.length; i++) {
				if (ours[i] != theirs[i]) differ++;
				if (theirs[i] != 0) edges++;
			}
			assertTrue(edges > 1000, "the image has edges: " + edges);
			// steps 1-3 (blur, gradient, non-maximum suppression) are BoofCV's inside the image wherever the
			// magnitude can matter (>= the low threshold) but for ties between neighbours, which float rounding breaks either way (QF 10: 1% of the edge count);
			// on its outermost ring BoofCV keeps maxima against the missing neighbour, the
			// clamped one here
			float[] thin = Canny.thinned(p, img.width, img.height, PatchAnalysis.CANNY_BLUR), boof = boofThinned(p, img.width, img.height);
			int w = img.width, h = img.height, thinDiffer = 0;
			for (int y = 1; y < h - 1; y++)
				for (int x = 1; x < w - 1; x++)
					if (Math.max(thin[y * w + x], boof[y * w + x]) >= PatchAnalysis.CANNY_LOW && Math.abs(thin[y * w + x] - boof[y * w + x]) > 1e-3f) thinDiffer++;
			assertTrue(thinDiffer <= edges / 50, "QF " + qf + ": thinned magnitude differs inside the image at " + thinDiffer + " pixels");
			// step 4: BoofCV follows the edge direction before it looks around; the textbook 8-connected growth
			// marks a few more pixels, never fewer
			assertTrue(differ <= edges / 10, "QF " + qf + ": " + differ + " of " + ours.length + " pixels differ (" + edges + " edge pixels)");
			for (int y = 1; y < h - 1; y++)
				for (int x = 1; x < w - 1; x++)
					if (theirs[y * w + x] != 0 && thin[y * w + x] > 0) assertEquals(1, ours[y * w + x], "BoofCV's edge pixel " + x + "," + y + " is an edge here too");
		}
	}

	static float[] boofThinned(double[] plane, int w, int h) {
		GrayF32 in = new GrayF32(w, h);
		for (int i = 0; i < plane.length; i++) in.data[i] = (float) plane[i];
		GrayF32 blurred = boofcv.alg.filter.blur.BlurImageOps.gaussian(in, null, -1, PatchAnalysis.CANNY_BLUR, null);
		GrayF32 dx = new GrayF32(w, h), dy = new GrayF32(w, h), mag = new GrayF32(w, h), angle = new GrayF32(w, h);
		boofcv.factory.filter.derivative.FactoryDerivative.three(GrayF32.class, GrayF32.class).process(blurred, dx, dy);
		boofcv.alg.feature.detect.edge.GGradientToEdgeFeatures.intensityAbs(dx, dy, mag);
		boofcv.alg.feature.detect.edge.GGradientToEdgeFeatures.direction(dx, dy, angle);
		boofcv.struct.image.GrayS8 dir = boofcv.alg.feature.detect.edge.GradientToEdgeFeatures.discretizeDirection4(angle, null);
		GrayF32 thin = boofcv.alg.feature.detect.edge.GradientToEdgeFeatures.nonMaxSuppression4(mag, dir, null);
		float[] out = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) out[y * w + x] = thin.get(x, y);
		return out;
	}

	static byte[] boofCanny(double[] plane, int w, int h) {
		GrayF32 in = new GrayF32(w, h);
		for (int i = 0; i < plane.length; i++) in.data[i] = (float) plane[i];
		GrayU8 out = new GrayU8(w, h);
		CannyEdge<GrayF32, GrayF32> c = FactoryEdgeDetectors.canny(PatchAnalysis.CANNY_BLUR, false, false, GrayF32.class, GrayF32.class);
		c.process(in, PatchAnalysis.CANNY_LOW, PatchAnalysis.CANNY_HIGH, out);
		byte[] e = new byte[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) e[y * w + x] = out.get(x, y) != 0 ? (byte) 1 : 0;
		return e;
	}
}
