package io.github.jpegrestore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import io.github.jpegrestore.jpeg.Image8;

/** Fixtures and generated test images shared by the tests. */
public final class TestData {
	private TestData() {}

	public static Path fixture(String name) {
		try {
			return Path.of(TestData.class.getResource("/fixtures/" + name).toURI());
		} catch (URISyntaxException | NullPointerException e) {
			throw new IllegalStateException("missing fixture " + name);
		}
	}

	public static byte[] bytes(String fixture) {
		try {
			return Files.readAllBytes(fixture(fixture));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** ../shared/data next to the checkout, or null when absent (fresh clone). */
	public static Path sharedData() {
		Path p = Path.of("").toAbsolutePath().resolve("../shared/data").normalize();
		return Files.isDirectory(p.resolve("val")) ? p : null;
	}

	/** A seeded image with edges, smooth ramps and texture. */
	public static Image8 synthetic(int w, int h, int channels, long seed) {
		Random r = new Random(seed);
		Image8 im = new Image8(w, h, channels);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				for (int c = 0; c < channels; c++) {
					double v = 128 + 70 * Math.sin((x + 3 * c) / 6.0) * Math.cos(y / 9.0) + (x > w / 2 ? 30 : -20) + r.nextGaussian() * 10;
					im.set(x, y, c, (int) Math.round(v));
				}
		return im;
	}
}
