package io.github.jpegrestore.inference;

import io.github.jpegrestore.JpegRestoreException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

import ai.djl.Device;

/**
 * One loaded model per (weights file and checksum, device), kept for the life of the JVM so that a macro over a
 * thousand files loads each model once. Loading checks the card's sha256 and logs the device used.
 */
public final class Sessions {
	private Sessions() {}

	private static final Logger LOG = Logger.getLogger("jpegrestore");
	private static final Map<String, TorchModel> OPEN = new LinkedHashMap<>();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(Sessions::closeAll, "jpeg-restore-close-models"));
	}

	/** Where one-line notices for the user go (the command line: stderr; Fiji sets the Log window). */
	public static volatile java.util.function.Consumer<String> notices = m -> System.err.println("jpeg-restore: note: " + m);

	private static boolean cacheChecked;

	/**
	 * On the first engine start DJL unpacks libtorch (about 430 MB) into its cache folder; on a
	 * cluster the home quota is often small, so say where, once, and how to move it.
	 */
	static void announceEngineCache() {
		if (cacheChecked) return;
		cacheChecked = true;
		try {
			java.nio.file.Path dir = ai.djl.util.Utils.getEngineCacheDir("pytorch");
			boolean empty = !java.nio.file.Files.isDirectory(dir);
			if (!empty) try (java.util.stream.Stream<java.nio.file.Path> s = java.nio.file.Files.list(dir)) {
				empty = !s.findAny().isPresent();
			}
			if (empty)
				notices.accept("first run: unpacking the PyTorch library (about 430 MB) into " + dir
					+ "; set the environment variable DJL_CACHE_DIR (or ENGINE_CACHE_DIR) to put it elsewhere");
		} catch (java.io.IOException | RuntimeException ignored) {
			// a notice only
		}
	}

	public static synchronized TorchModel get(ModelCard card, DeviceChoice choice) {
		return get(card, choice, Precision.FP32);
	}

	public static synchronized TorchModel get(ModelCard card, DeviceChoice choice, Precision precision) {
		Natives.check();
		announceEngineCache();
		Device device = choice.resolve();
		Precision runs = precision.resolve(card, device);
		ModelCard.Variant file = card.weightsFor(runs);
		String key = card.dir.resolve(file.file) + "#" + file.sha256 + "@" + device;
		TorchModel m = OPEN.get(key);
		if (m == null) {
			java.nio.file.Path w = card.verifiedWeights(runs);
			try {
				m = ContextLoader.call(() -> new TorchModel(w, device, runs.label));
			} catch (RuntimeException | UnsatisfiedLinkError e) {
				String why = nativeProblem(e);
				if (why == null) throw e;
				throw new JpegRestoreException(why, e);
			}
			OPEN.put(key, m);
			// FINE: java.util.logging's INFO goes to stderr, which opens Fiji's Console
			LOG.fine("model '" + card.name + "' loaded on " + device + " in " + m.precision + " (device=" + choice.label + ", precision=" + precision.label + ")");
		}
		return m;
	}

	/**
	 * A one-line explanation when the engine failed because its native library is missing or does
	 * not match this computer (DJL's own messages, e.g. "Failed to save pytorch index file", do not
	 * say so), else null.
	 */
	static String nativeProblem(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			String m = String.valueOf(t.getMessage());
			if (t instanceof UnsatisfiedLinkError || m.contains("pytorch index file") || m.contains("native library") || m.contains("No deep learning engine found")
				|| m.contains("EngineException"))
				return "the PyTorch native library for this computer (" + System.getProperty("os.name") + " " + System.getProperty("os.arch")
					+ ") is missing or cannot load: the suite needs its pytorch-native-cpu jar for this platform beside the other jars (" + m + ")";
		}
		return null;
	}

	public static synchronized void closeAll() {
		TorchModel.closing = true;
		for (TorchModel m : OPEN.values()) {
			try {
				m.close();
			} catch (RuntimeException ignored) {
				// shutting down
			}
		}
		OPEN.clear();
	}
}
