package io.github.jpegrestore.inference;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

import ai.djl.Device;

/**
 * One loaded model per (weights, device), kept for the life of the JVM so that a macro over a
 * thousand files loads each model once. Loading checks the card's sha256 and logs the device used.
 */
public final class Sessions {
	private Sessions() {}

	private static final Logger LOG = Logger.getLogger("jpegrestore");
	private static final Map<String, TorchModel> OPEN = new LinkedHashMap<>();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(Sessions::closeAll, "jpeg-restore-close-models"));
	}

	public static synchronized TorchModel get(ModelCard card, DeviceChoice choice) {
		Device device = choice.resolve();
		String key = card.sha256 + "@" + device;
		TorchModel m = OPEN.get(key);
		if (m == null) {
			java.nio.file.Path w = card.verifiedWeights();
			m = ContextLoader.call(() -> new TorchModel(w, device));
			OPEN.put(key, m);
			LOG.info("model '" + card.name + "' loaded on " + device + " (device=" + choice.label + ")");
		}
		return m;
	}

	public static synchronized void closeAll() {
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
