package io.github.jpegrestore.spec;

/**
 * The keys of the suite's settings, as macros write them (the command line: {@code --key-name}).
 * Their descriptions (default, choices, bounds, help) are in {@code options.Catalog}; the core
 * names a setting by these in its messages ({@link SettingConflict}).
 */
public final class Keys {
	private Keys() {}

	public static final String QF = "qf", SWEEP = "sweep", CONSTRAIN = "constrain", DEVICE = "device", PRECISION = "precision",
		TILE = "tile", ENSEMBLE = "ensemble", MODEL = "model", GUIDE = "guide";
	public static final String FOLDER = "folder", MODELS = "models", RESTORE_QF = "restore_qf", Y = "y", SSIM = "ssim",
		THEN_QF = "then_qf", SHIFT = "shift", SUBSAMPLING = "subsampling", EQUIVALENT = "equivalent";
	public static final String BLOCKS = "blocks", BANDS = "bands", TABLES = "tables", NONZERO = "nonzero", COMPARE1 = "compare1", COMPARE2 = "compare2";
	public static final String REFERENCE = "reference", TEST = "test", COLOR = "color";
	public static final String DATA = "data", OUT = "out", MINUTES = "minutes", LIKE = "like", VALIDATE = "validate", BATCH = "batch",
		PATCH = "patch", LR = "lr", SEED = "seed";
}
