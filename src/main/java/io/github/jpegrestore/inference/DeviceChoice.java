package io.github.jpegrestore.inference;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** Where a model runs: auto = a GPU when DJL's PyTorch engine sees one, else the CPU. */
public enum DeviceChoice {
	AUTO("auto"), CPU("cpu"), GPU("gpu");

	public final String label;

	DeviceChoice(String label) {
		this.label = label;
	}

	public static String[] labels() {
		DeviceChoice[] v = values();
		String[] s = new String[v.length];
		for (int i = 0; i < v.length; i++) s[i] = v[i].label;
		return s;
	}

	public static DeviceChoice fromLabel(String s) {
		for (DeviceChoice d : values())
			if (d.label.equalsIgnoreCase(s)) return d;
		throw new IllegalArgumentException("device must be auto, cpu or gpu, got '" + s + "'");
	}

	/** The DJL device; gpu without a GPU is an error with a clear message. */
	public Device resolve() {
		if (this == CPU) return Device.cpu();
		int gpus = Engines.pytorch().getGpuCount();
		if (gpus > 0) return Device.gpu();
		if (this == GPU) throw new IllegalArgumentException("device=gpu, but the PyTorch engine sees no GPU (the bundled libtorch is the CPU build); use device=auto or cpu");
		return Device.cpu();
	}

	/** DJL's engine lookup with this plugin's class loader as the context loader (ImageJ 1 pitfall). */
	public static final class Engines {
		private Engines() {}

		public static Engine pytorch() {
			return ContextLoader.call(() -> Engine.getEngine("PyTorch"));
		}
	}
}
