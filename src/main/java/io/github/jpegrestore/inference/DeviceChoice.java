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

	/**
	 * What device=gpu without a usable GPU says: the route to one (README, "GPU"). DJL loads a CUDA
	 * libtorch a user points it at; the JNI for CUDA 12.8 is already inside pytorch-jni.
	 */
	public static final String NO_GPU = "device=gpu, but the PyTorch engine sees no GPU: the bundled libtorch is the CPU build. "
		+ "For an NVIDIA GPU install libtorch 2.7.1 for CUDA 12.8 (PyTorch's LibTorch download, or the lib folder of 'pip install torch==2.7.1' with CUDA) "
		+ "and start Fiji with PYTORCH_LIBRARY_PATH=<that lib folder> PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cu128; or use device=auto or cpu";

	/** The DJL device; gpu without a GPU is an error with a clear message. */
	public Device resolve() {
		if (this == CPU) return Device.cpu();
		int gpus = Engines.pytorch().getGpuCount();
		if (gpus > 0) return Device.gpu();
		if (this == GPU) throw new IllegalArgumentException(NO_GPU);
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
