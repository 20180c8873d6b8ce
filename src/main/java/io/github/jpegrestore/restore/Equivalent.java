package io.github.jpegrestore.restore;

import java.util.HashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.Subsampling;
import io.github.jpegrestore.metrics.Metrics;
import io.github.jpegrestore.metrics.SsimWindow;
import io.github.jpegrestore.metrics.YMode;

/**
 * What restoring buys in storage (QGAC, appendix B.3): the lowest IJG quality whose plain JPEG of
 * the original is at least as good as the restored image, by PSNR and by SSIM, and that JPEG's
 * size. Storing at the tested QF and restoring then gives the quality of the equivalent QF for the
 * bytes of the tested one. Found by bisection over QF 1..100 (a JPEG's PSNR and SSIM grow with its
 * QF), each QF compressed and measured once.
 */
public final class Equivalent {
	/** Equivalent QFs; {@link #BEYOND} when even QF 100 is below the restored image. */
	public final int qfPsnr, qfSsim;
	/** Bytes of the JPEG at the PSNR-equivalent QF (at QF 100 when beyond). */
	public final long bytesPsnr;

	/** An equivalent QF above IJG's range: the restored image beats a QF 100 JPEG. */
	public static final int BEYOND = 101;

	Equivalent(int qfPsnr, int qfSsim, long bytesPsnr) {
		this.qfPsnr = qfPsnr;
		this.qfSsim = qfSsim;
		this.bytesPsnr = bytesPsnr;
	}

	/** The equivalent of {@code restored} (measured against {@code ref} with these conventions). */
	public static Equivalent of(Image8 ref, Metrics.Result restored, YMode y, SsimWindow w, Subsampling sub) {
		Map<Integer, Metrics.Result> measured = new HashMap<>();
		Map<Integer, Long> bytes = new HashMap<>();
		java.util.function.IntFunction<Metrics.Result> at = q -> measured.computeIfAbsent(q, k -> {
			byte[] jpg = JpegCodec.compress(ref, k, sub);
			bytes.put(k, (long) jpg.length);
			return Metrics.compute(ref, JpegCodec.decode(jpg), y, w);
		});
		int qp = lowest(at, m -> m.psnr, restored.psnr), qs = lowest(at, m -> m.ssim, restored.ssim);
		int sized = Math.min(qp, 100);
		at.apply(sized);
		return new Equivalent(qp, qs, bytes.get(sized));
	}

	/** The lowest QF whose value reaches {@code target}, or {@link #BEYOND}. */
	static int lowest(java.util.function.IntFunction<Metrics.Result> at, ToDoubleFunction<Metrics.Result> value, double target) {
		if (value.applyAsDouble(at.apply(100)) < target) return BEYOND;
		int lo = 1, hi = 100; // invariant: hi reaches the target
		while (lo < hi) {
			int mid = (lo + hi) / 2;
			if (value.applyAsDouble(at.apply(mid)) >= target) hi = mid;
			else lo = mid + 1;
		}
		return hi;
	}
}
