package io.github.jpegrestore.options;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.github.jpegrestore.finetune.FineTune;
import io.github.jpegrestore.inference.DeviceChoice;
import io.github.jpegrestore.inference.Precision;
import io.github.jpegrestore.jpeg.Subsampling;
import io.github.jpegrestore.metrics.SsimWindow;
import io.github.jpegrestore.metrics.YMode;
import io.github.jpegrestore.restore.Restorers;
import io.github.jpegrestore.restore.RestoreOptions;
import io.github.jpegrestore.spec.Keys;
import io.github.jpegrestore.spec.Setting;

/**
 * Every option of every command, described once (TrackMate's keys and defaults are the model):
 * the ImageJ dialogs and macro parser ({@code ij.CommandSpec}), the command line's options
 * ({@code cli.Described}) and the SciJava twins (checked by a test) are built from these lists.
 * The help texts the twins' annotations need are the {@code H_*} constants; everything else reads
 * the {@link Setting}s. Adding an option: docs/architecture.md, "Options".
 */
public final class Catalog {
	private Catalog() {}

	// help texts (constants: the SciJava twins' annotations take them)
	public static final String H_QF = "auto: the JPEG file's quality (a double JPEG's earlier, stronger one), else the blind model's prediction "
		+ "or the classical estimate; file: the file's table; predicted: the blind model's prediction; or 1-100";
	public static final String H_SWEEP = "restore one image under QF 10, 20 ... 90 instead";
	public static final String H_CONSTRAIN = "project the restored Y back into the file's quantization bins (needs the JPEG file)";
	public static final String H_DEVICE = "auto: a GPU when the PyTorch engine sees one, else the CPU";
	public static final String H_PRECISION = "auto: the model's bf16 variant on CPUs with bf16 arithmetic, else its int8 variant on x86-64 CPUs, else fp32";
	public static final String H_TILE = "tile core in pixels: 0 = from the free memory, else " + RestoreOptions.MIN_TILE + "-" + RestoreOptions.MAX_TILE;
	public static final String H_ENSEMBLE = "restore Y as it is and mirrored three ways and average: 4x the time, a little more quality";
	public static final String H_MODEL = Restorers.NETWORKS + ", a model of your own by name (in the user models folder, README), or a model card path";
	public static final String H_GUIDE = "color models: the model that restores Y (luma, luma-hq, blind or a card path); empty: the one the color model was trained behind";
	public static final String H_FOLDER = "folder of original (uncompressed) images";
	public static final String H_QFS = "qualities to compress at, comma-separated";
	public static final String H_MODELS = Restorers.BASELINES + " (unrestored, and the jpegqs baseline), " + Restorers.NETWORKS + " or card paths, comma-separated";
	public static final String H_RESTORE_QF = "the QF a network is given: file (the compressed file's, the literature's setting), auto (a double JPEG's dominant QF) or predicted (blind models)";
	public static final String H_Y = "full: JFIF Y (gray as it is); studio: MATLAB Y (the literature's tables); none: all channels";
	public static final String H_SSIM = "SSIM window: gaussian (11x11, sigma 1.5, Wang et al.) or uniform8 (8x8 box)";
	public static final String H_THEN_QF = "a second compression at this QF after the shift (0 = single JPEG)";
	public static final String H_SHIFT = "DX,DY (0..7): rows and columns removed before the second compression";
	public static final String H_SUBSAMPLING = "chroma subsampling of color images";
	public static final String H_EQUIVALENT = "also the JPEG quality each restored image is worth (lowest QF as good by PSNR and by SSIM) and the storage that saves";
	public static final String H_COMPRESS_QF = "IJG quality 1-100";
	public static final String H_BLOCKS = "a map of each 8x8 block's DCT energy";
	public static final String H_BANDS = "the mean magnitude of each of the 64 DCT frequencies";
	public static final String H_TABLES = "the JPEG file's quantization tables (skipped for an image not opened from a JPEG)";
	public static final String H_NONZERO = "the share of non-zero coefficients per frequency after quantization";
	public static final String H_DCT_QF = "quantization for the non-zero counts: file (the JPEG file's luma table, else QF 50) or an IJG QF 1-100";
	public static final String H_COMPARE = "another image whose DCT statistics are plotted beside this one's (none: no comparison)";
	public static final String H_REFERENCE = "the original image";
	public static final String H_TEST = "the image measured against the reference";
	public static final String H_PATCH_REFERENCE = "the original, for PSNR / SSIM / PSNR-B per patch class (none: classes only)";
	public static final String H_COLOR = "what the patch map is coloured by";
	public static final String H_DATA = "folder of your lossless images (TIFF, PNG; a fifth of them, by file, is held out to check the result)";
	public static final String H_OUT = "the new model: a name (em-tuned: the user models folder, README; restore with model=em-tuned) or a card path NAME.json (weights beside it as NAME.pt; a checkpoint in NAME.finetune/)";
	public static final String H_TUNE_MODEL = "the model to start from: luma, color (RGB images), a model of your own by name, or a card path (a model with a trainable copy)";
	public static final String H_MINUTES = "training time in minutes (wall clock); a second run goes on from the checkpoint";
	public static final String H_TUNE_QF = "qualities to train for: a range (10-50) or a list (10,20,30)";
	public static final String H_LIKE = "a folder of your own JPEGs: train on their quantization tables and chroma subsampling instead of qf (empty: none)";
	public static final String H_VALIDATE = "a folder of held-out lossless images instead of a fifth of the data (empty: a fifth)";
	public static final String H_BATCH = "patches per training step";
	public static final String H_PATCH = "patch side in pixels (a multiple of 16)";
	public static final String H_LR = "Adam's learning rate at its peak (cosine to 0 over the minutes)";
	public static final String H_SEED = "seed of the patch sampler";

	// restoring
	public static final Setting QF = Setting.text(Keys.QF, "auto", H_QF);
	public static final Setting SWEEP = Setting.flag(Keys.SWEEP, false, H_SWEEP);
	public static final Setting CONSTRAIN = Setting.flag(Keys.CONSTRAIN, false, H_CONSTRAIN);
	public static final Setting DEVICE = Setting.choice(Keys.DEVICE, DeviceChoice.AUTO.label, H_DEVICE, labels(DeviceChoice.values(), d -> d.label));
	public static final Setting PRECISION = Setting.choice(Keys.PRECISION, Precision.AUTO.label, H_PRECISION, labels(Precision.values(), p -> p.label));
	public static final Setting TILE = Setting.integer(Keys.TILE, 0, 0, RestoreOptions.MAX_TILE, "px", H_TILE)
		.withRange(RestoreOptions.TILE_RANGE);
	public static final Setting ENSEMBLE = Setting.flag(Keys.ENSEMBLE, false, H_ENSEMBLE);
	public static final Setting MODEL = Setting.model(Keys.MODEL, "luma", H_MODEL);
	public static final Setting GUIDE = Setting.text(Keys.GUIDE, "", H_GUIDE);

	// measuring and simulating
	public static final Setting FOLDER = Setting.folder(Keys.FOLDER, H_FOLDER);
	public static final Setting QFS = Setting.text(Keys.QF, "10,20,30,40", H_QFS);
	public static final Setting MODELS = Setting.text(Keys.MODELS, "jpeg,luma", H_MODELS);
	public static final Setting RESTORE_QF = Setting.choice(Keys.RESTORE_QF, "file", H_RESTORE_QF, "file", "auto", "predicted");
	public static final Setting Y = Setting.choice(Keys.Y, YMode.FULL.label, H_Y, labels(YMode.values(), m -> m.label));
	public static final Setting SSIM = Setting.choice(Keys.SSIM, SsimWindow.GAUSSIAN.label, H_SSIM, labels(SsimWindow.values(), w -> w.label));
	public static final Setting THEN_QF = Setting.integer(Keys.THEN_QF, 0, 0, 100, "", H_THEN_QF);
	public static final Setting SHIFT = Setting.text(Keys.SHIFT, "0,0", H_SHIFT);
	public static final Setting SUBSAMPLING = Setting.choice(Keys.SUBSAMPLING, Subsampling.S420.label, H_SUBSAMPLING, labels(Subsampling.values(), s -> s.label));
	public static final Setting EQUIVALENT = Setting.flag(Keys.EQUIVALENT, false, H_EQUIVALENT);
	public static final Setting COMPRESS_QF = Setting.integer(Keys.QF, 20, 1, 100, "", H_COMPRESS_QF);
	public static final Setting BLOCKS = Setting.flag(Keys.BLOCKS, true, H_BLOCKS);
	public static final Setting BANDS = Setting.flag(Keys.BANDS, true, H_BANDS);
	public static final Setting TABLES = Setting.flag(Keys.TABLES, true, H_TABLES);
	public static final Setting NONZERO = Setting.flag(Keys.NONZERO, true, H_NONZERO);
	public static final Setting DCT_QF = Setting.text(Keys.QF, "file", H_DCT_QF);
	public static final Setting COMPARE1 = Setting.image(Keys.COMPARE1, true, H_COMPARE);
	public static final Setting COMPARE2 = Setting.image(Keys.COMPARE2, true, H_COMPARE);
	public static final Setting REFERENCE = Setting.image(Keys.REFERENCE, false, H_REFERENCE);
	public static final Setting TEST = Setting.image(Keys.TEST, false, H_TEST);
	public static final Setting PATCH_REFERENCE = Setting.image(Keys.REFERENCE, true, H_PATCH_REFERENCE);
	public static final Setting COLOR = Setting.choice(Keys.COLOR, "frequency", H_COLOR, "frequency", "detail");

	// fine-tuning
	public static final Setting DATA = Setting.folder(Keys.DATA, H_DATA);
	public static final Setting OUT = Setting.text(Keys.OUT, "", H_OUT);
	public static final Setting TUNE_MODEL = Setting.model(Keys.MODEL, "luma", H_TUNE_MODEL).offering("luma", "color");
	public static final Setting MINUTES = Setting.integer(Keys.MINUTES, FineTune.MINUTES, 1, FineTune.MAX_MINUTES, "min", H_MINUTES);
	public static final Setting TUNE_QF = Setting.text(Keys.QF, FineTune.QF, H_TUNE_QF);
	public static final Setting LIKE = Setting.folder(Keys.LIKE, H_LIKE);
	public static final Setting VALIDATE = Setting.folder(Keys.VALIDATE, H_VALIDATE);
	public static final Setting BATCH = Setting.integer(Keys.BATCH, FineTune.BATCH, 1, FineTune.MAX_BATCH, "", H_BATCH);
	public static final Setting PATCH = Setting.integer(Keys.PATCH, FineTune.PATCH, FineTune.MIN_PATCH, FineTune.MAX_PATCH, "px", H_PATCH);
	public static final Setting LR = Setting.text(Keys.LR, FineTune.LR, H_LR);
	public static final Setting SEED = Setting.integer(Keys.SEED, 1, 0, Integer.MAX_VALUE, "", H_SEED);

	/** A restore command running {@code model} by default (a color model also takes its guide). */
	public static List<Setting> restore(String model) {
		List<Setting> s = new ArrayList<>(List.of(QF, SWEEP, CONSTRAIN, DEVICE, PRECISION, TILE, ENSEMBLE, MODEL.withDefault(model)));
		if (model.equals("color")) s.add(GUIDE);
		return List.copyOf(s);
	}

	/** The options of {@code restore}, {@code batch} and {@code throughput} on the command line (their model is chosen there). */
	public static final List<Setting> RESTORE_CLI = List.of(QF, SWEEP, CONSTRAIN, DEVICE, PRECISION, TILE, ENSEMBLE, MODEL, GUIDE);
	public static final List<Setting> BENCHMARK = List.of(FOLDER, QFS, MODELS, RESTORE_QF, Y, SSIM, THEN_QF, SHIFT, SUBSAMPLING, EQUIVALENT, CONSTRAIN, DEVICE, PRECISION, TILE, ENSEMBLE, GUIDE);
	public static final List<Setting> SIMULATE = List.of(COMPRESS_QF, SUBSAMPLING, THEN_QF, SHIFT);
	public static final List<Setting> DCT = List.of(BLOCKS, BANDS, TABLES, NONZERO, DCT_QF, COMPARE1, COMPARE2);
	public static final List<Setting> METRICS = List.of(REFERENCE, TEST, Y, SSIM);
	public static final List<Setting> PATCHES = List.of(PATCH_REFERENCE, COLOR);
	public static final List<Setting> FINETUNE = List.of(DATA, OUT, TUNE_MODEL, MINUTES, TUNE_QF, LIKE, VALIDATE, BATCH, PATCH, LR, SEED, DEVICE);

	static <E> String[] labels(E[] values, Function<E, String> label) {
		String[] s = new String[values.length];
		for (int i = 0; i < s.length; i++) s[i] = label.apply(values[i]);
		return s;
	}
}
