package io.github.jpegrestore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.github.jpegrestore.TestData;
import io.github.jpegrestore.restore.Baselines;
import io.github.jpegrestore.restore.Benchmark;

/** The JPEG column of FBCNN Table 1 (Classic5, gray, IJG QF), reproduced by our codec and metrics. */
class PublishedTablesTest {
	@Test
	void classic5JpegColumnOfFbcnnTable1() {
		Path shared = TestData.sharedData();
		if (shared == null) System.err.println("SKIPPED classic5 table: ../shared/data is absent (fresh clone)");
		Assumptions.assumeTrue(shared != null, "../shared/data is absent: the Classic5 table needs it");
		double[][] published = { { 27.82, 0.760, 25.21 }, { 30.12, 0.834, 27.50 }, { 31.48, 0.867, 28.94 }, { 32.43, 0.885, 29.92 } };
		List<Benchmark.Row> means = new ArrayList<>();
		new Benchmark().run(shared.resolve("val/classic5"), Arrays.asList(10, 20, 30, 40), Baselines.jpeg(), r -> {
			if (r.image.equals("mean")) means.add(r);
		});
		assertEquals(4, means.size());
		for (int i = 0; i < 4; i++) {
			Benchmark.Row r = means.get(i);
			assertEquals(published[i][0], r.psnr, 0.01 / 2 + 1e-9, "PSNR QF " + r.qf);
			assertEquals(published[i][1], r.ssim, 0.001 / 2 + 1e-9, "SSIM QF " + r.qf);
			assertEquals(published[i][2], r.psnrb, 0.01 / 2 + 1e-9, "PSNR-B QF " + r.qf);
		}
	}
}
