package io.github.jpegrestore.inference;

import java.nio.file.Path;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import io.github.jpegrestore.JpegRestoreException;

/**
 * One TorchScript model loaded through DJL's PyTorch engine, with a reused predictor. The model's
 * signature is forward(image [N,C,H,W] float32 in [0,1], qf [N,1] = QF/100) -> image (and, for
 * the blind model, the predicted QF). Calls are serialised: a DJL predictor is not thread-safe.
 */
public final class TorchModel implements AutoCloseable {
	/** True once the JVM is shutting down (a signal, System.exit): models are being closed under running work ({@link Sessions#closeAll}). */
	static volatile boolean closing;

	static {
		EngineSettings.apply();
	}

	private final ZooModel<NDList, NDList> model;
	private final Predictor<NDList, NDList> predictor;
	public final Device device;
	/** "fp32", "bf16" or "int8": which of the card's files this is. */
	public final String precision;

	/** Output of one call: the image tensor (flattened NCHW) and its shape, plus an optional QF. */
	public static final class Output {
		public final float[] image;
		public final long[] shape;
		public final float[] qf;

		Output(float[] image, long[] shape, float[] qf) {
			this.image = image;
			this.shape = shape;
			this.qf = qf;
		}
	}

	public TorchModel(Path weights, Device device) {
		this(weights, device, "fp32");
	}

	public TorchModel(Path weights, Device device, String precision) {
		this.device = device;
		this.precision = precision;
		try {
			Criteria<NDList, NDList> c = Criteria.builder().setTypes(NDList.class, NDList.class).optModelPath(weights)
				.optEngine("PyTorch").optTranslator(new NoopTranslator()).optDevice(device).build();
			model = c.loadModel();
			predictor = model.newPredictor();
		} catch (ModelNotFoundException | MalformedModelException | java.io.IOException e) {
			throw new JpegRestoreException("cannot load model " + weights.getFileName() + ": " + e.getMessage(), e);
		}
	}

	/** Runs the model on x (NCHW, flattened) with one QF value (QF/100) per item. */
	public synchronized Output run(float[] x, long[] shape, float[] qf) {
		try (NDManager m = model.getNDManager().newSubManager(device)) {
			NDArray in = m.create(x, new Shape(shape));
			NDArray q = m.create(qf, new Shape(shape[0], 1));
			NDList out = predictor.predict(new NDList(in, q));
			NDArray y = out.get(0);
			float[] pq = out.size() > 1 ? out.get(1).toFloatArray() : null;
			return new Output(y.toFloatArray(), y.getShape().getShape(), pq);
		} catch (TranslateException e) {
			throw new JpegRestoreException("model failed: " + e.getMessage(), e);
		} catch (RuntimeException e) {
			// the shutdown hook closed the model under this call ("NDManager has been closed already")
			if (closing) throw new JpegRestoreException("stopped: the process is ending (a signal or exit); this image was not finished and nothing was written for it", e);
			throw e;
		}
	}

	/** The device as a person names it, for logs and tables: "CPU, 2 threads, fp32", "GPU 0, bf16". */
	public String describe() {
		return describe(device, precision);
	}

	/** A device and precision as a person names them ("CPU, 2 threads, fp32"). */
	public static String describe(Device device, String precision) {
		return (device.isGpu() ? "GPU " + device.getDeviceId() : "CPU, " + threads() + " thread" + (threads() == 1 ? "" : "s")) + ", " + precision;
	}

	/** libtorch's intra-op threads (the engine's, set by ai.djl.pytorch.num_threads or OMP_NUM_THREADS), else the processors. */
	static int threads() {
		try {
			return ai.djl.pytorch.jni.JniUtils.getNumThreads();
		} catch (RuntimeException | LinkageError e) {
			return Runtime.getRuntime().availableProcessors();
		}
	}

	@Override
	public synchronized void close() {
		predictor.close();
		model.close();
	}
}
