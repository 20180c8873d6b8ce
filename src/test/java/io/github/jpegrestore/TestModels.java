package io.github.jpegrestore;

import java.net.URISyntaxException;
import java.nio.file.Path;

import io.github.jpegrestore.inference.ModelCard;

/** The tiny committed luma model (src/test/resources/models, made by make_test_model.sh). */
public final class TestModels {
	private TestModels() {}

	public static Path tinyCardPath() {
		try {
			return Path.of(TestModels.class.getResource("/models/tiny.json").toURI());
		} catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	public static ModelCard tiny() {
		return ModelCard.read(tinyCardPath());
	}
}
