package io.github.jpegrestore.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.jpegrestore.TestData;
import io.github.jpegrestore.TestModels;
import io.github.jpegrestore.CancelAfter;
import io.github.jpegrestore.jpeg.ImageFiles;

/** Issue 22, item 11: Esc in the benchmark stops inside an image (per tile), not after it, and adds no row. */
class BenchmarkCancelTest {
	@TempDir Path dir;

	@Test
	void cancelStopsWithinTheFirstImage() throws Exception {
		ImageFiles.write(TestData.synthetic(512, 512, 1, 3), dir.resolve("big.png"), false);
		CancelAfter escAfterFirstTiles = new CancelAfter(3); // Esc, pressed while the first image is being restored
		AtomicInteger updates = escAfterFirstTiles.updates;
		Benchmark b = new Benchmark();
		b.progress = escAfterFirstTiles;
		List<Benchmark.Row> rows = new ArrayList<>();
		try (Restorer r = TestModels.tinyLuma(30, 128)) {
			assertThrows(CancellationException.class, () -> b.run(dir, List.of(30, 40), r, rows::add));
		}
		assertEquals(List.of(), rows, "no row from a canceled image");
		assertTrue(updates.get() >= 3, "the image reported per-tile progress: " + updates.get());
	}
}
