package io.github.jpegrestore;

import java.net.URISyntaxException;
import java.nio.file.Path;

import io.github.jpegrestore.inference.DeviceChoice;
import io.github.jpegrestore.inference.ModelCard;
import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.restore.Input;
import io.github.jpegrestore.restore.QfChoice;
import io.github.jpegrestore.restore.RestoreOptions;
import io.github.jpegrestore.restore.Restorer;
import io.github.jpegrestore.restore.Restorers;

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

	/** The tiny color model (make_test_color_model.sh), guided by the tiny luma model beside it. */
	public static Path tinyColorCardPath() {
		try {
			return Path.of(TestModels.class.getResource("/models/tiny-color.json").toURI());
		} catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The tiny blind model (make_test_blind_model.sh): blind-xs started from the tiny luma model. */
	public static Path tinyBlindCardPath() {
		try {
			return Path.of(TestModels.class.getResource("/models/tiny-blind.json").toURI());
		} catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * The tiny predictor-only blind model (make_test_blind_model.sh): blind-xs2 trained with the tiny
	 * luma model frozen as its restorer, exported predictor-only; the tiny luma model restores for it.
	 */
	public static Path tinyBlindPredictorCardPath() {
		try {
			return Path.of(TestModels.class.getResource("/models/tiny-blind-p.json").toURI());
		} catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	public static ModelCard tiny() {
		return ModelCard.read(tinyCardPath());
	}

	/** The tiny luma model as a restorer, on the CPU, at a fixed QF. */
	public static Restorer tinyLuma(int qf, int tile) {
		return Restorers.create(tinyCardPath().toString(), new RestoreOptions().qf(QfChoice.parse(Integer.toString(qf))).device(DeviceChoice.CPU).tile(tile));
	}

	/** {@code img} restored by the tiny luma model at {@code qf}. */
	public static Image8 restoreLuma(Image8 img, int qf, int tile) {
		return tinyLuma(qf, tile).restore(Input.pixels(img), Progress.NONE).image;
	}
}
