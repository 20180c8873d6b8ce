package io.github.jpegrestore.inference;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.github.jpegrestore.JpegRestoreException;

/**
 * A model being trained in the JVM: the card's trainable TorchScript copy (training/trainable.py:
 * traced, not frozen, so its weights are parameters) loaded through DJL's PyTorch engine, trained
 * by libtorch's autograd (DJL's GradientCollector) with an L1 loss and Adam as torch.optim.Adam
 * takes it (betas 0.9 / 0.999, eps 1e-8, no weight decay). One training step equals PyTorch's on
 * the same batch (TrainableModelTest against a fixture training/trainable.py writes). The weights
 * are saved as a TorchScript file that restores like any model; the optimizer's moments go beside
 * it so a later run resumes.
 */
public final class TrainableModel implements AutoCloseable {
	static {
		EngineSettings.apply();
	}

	public static final float BETA1 = 0.9f, BETA2 = 0.999f, EPS = 1e-8f;

	private final PtNDManager manager;
	private final PtSymbolBlock block;
	private final List<NDArray> params = new ArrayList<>();
	private final List<NDArray> mean = new ArrayList<>(), variance = new ArrayList<>();
	private int steps;
	public final Device device;

	public TrainableModel(Path file, Device device) {
		this.device = device;
		if (!Files.isRegularFile(file)) throw new JpegRestoreException("trainable model not found: " + file.getFileName());
		manager = (PtNDManager) NDManager.newBaseManager(device, "PyTorch");
		try {
			block = JniUtils.loadModule(manager, file.toAbsolutePath(), true, new String[0], new String[0], true);
		} catch (RuntimeException e) {
			manager.close();
			throw new JpegRestoreException("cannot load trainable model " + file.getFileName() + ": " + e.getMessage(), e);
		}
		JniUtils.enableTrainingMode(block);
		NDList p = JniUtils.moduleGetParams(block, manager);
		for (NDArray a : p) {
			if (!a.getDataType().isFloating() || !JniUtils.requiresGrad((PtNDArray) a)) continue;
			params.add(a);
			mean.add(manager.zeros(a.getShape(), a.getDataType()));
			variance.add(manager.zeros(a.getShape(), a.getDataType()));
		}
		if (params.isEmpty()) {
			close();
			throw new JpegRestoreException(file.getFileName() + " has no trainable weights (a frozen export; the card's \"trainable\" file is the one to train)");
		}
	}

	/** Adam steps taken (after a resume, counted from the first run). */
	public int steps() {
		return steps;
	}

	/** Number of weights trained. */
	public long weightCount() {
		long n = 0;
		for (NDArray a : params) n += a.size();
		return n;
	}

	/**
	 * One training step on a batch: x [N,C,H,W], qf (QF/100 per item), target [N,C',H,W]; returns
	 * the batch's L1 loss before the step.
	 */
	public synchronized double step(float[] x, long[] shape, float[] qf, float[] target, long[] targetShape, double lr) {
		try (NDScope scope = new NDScope()) {
			scope.suppressNotUsedWarning();
			NDArray in = manager.create(x, new Shape(shape));
			NDArray q = manager.create(qf, new Shape(shape[0], 1));
			NDArray y = manager.create(target, new Shape(targetShape));
			double loss;
			try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
				NDArray out = forward(in, q, true);
				NDArray l = out.sub(y).abs().mean();
				gc.backward(l);
				loss = l.getFloat();
			}
			update(lr);
			return loss;
		}
	}

	private void update(double lr) {
		steps++;
		double bc1 = 1 - Math.pow(BETA1, steps), bc2 = 1 - Math.pow(BETA2, steps);
		boolean grad = JniUtils.isGradMode();
		JniUtils.setGradMode(false);
		try {
			for (int i = 0; i < params.size(); i++) {
				NDArray p = params.get(i), g = p.getGradient(), m = mean.get(i), v = variance.get(i);
				m.muli(BETA1).addi(g.mul(1 - BETA1));
				v.muli(BETA2).addi(g.square().muli(1 - BETA2));
				NDArray denom = v.sqrt().divi((float) Math.sqrt(bc2)).addi(EPS);
				p.subi(m.div(denom).muli((float) (lr / bc1)));
				JniUtils.zeroGrad((PtNDArray) p);
			}
		} finally {
			JniUtils.setGradMode(grad);
		}
	}

	/** The network's output without gradients: flattened [N,C',H,W]. */
	public synchronized float[] run(float[] x, long[] shape, float[] qf) {
		boolean grad = JniUtils.isGradMode();
		JniUtils.setGradMode(false);
		try (NDScope scope = new NDScope()) {
			scope.suppressNotUsedWarning();
			return forward(manager.create(x, new Shape(shape)), manager.create(qf, new Shape(shape[0], 1)), false).toFloatArray();
		} finally {
			JniUtils.setGradMode(grad);
		}
	}

	/** DJL's training flag runs the module with autograd recording (its inference path does not). */
	private NDArray forward(NDArray in, NDArray q, boolean training) {
		return block.forward(new ai.djl.training.ParameterStore(manager, false), new NDList(in, q), training).get(0);
	}

	/** Writes the weights as a TorchScript file (atomically): restorers load it as they load any model. */
	public synchronized void save(Path file) {
		Path tmp = file.resolveSibling("." + file.getFileName() + ".part");
		try {
			try (OutputStream os = Files.newOutputStream(tmp)) {
				JniUtils.writeModule(block, os, false); // false: no length prefix, a plain TorchScript file
			}
			Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		} catch (IOException | RuntimeException e) {
			try {
				Files.deleteIfExists(tmp);
			} catch (IOException ignored) {
				// nothing more to do
			}
			throw new JpegRestoreException("cannot write " + file.getFileName() + ": " + e.getMessage(), e);
		}
	}

	/** The weights as they are now, to restore with {@link #restore} (keeping the best so far). */
	public synchronized float[][] snapshot() {
		float[][] s = new float[params.size()][];
		for (int i = 0; i < s.length; i++) s[i] = params.get(i).toFloatArray();
		return s;
	}

	/** Puts back weights taken by {@link #snapshot}. */
	public synchronized void restore(float[][] s) {
		if (s.length != params.size()) throw new IllegalArgumentException("snapshot of another model");
		boolean grad = JniUtils.isGradMode();
		JniUtils.setGradMode(false);
		try (NDScope scope = new NDScope()) {
			scope.suppressNotUsedWarning();
			for (int i = 0; i < s.length; i++) params.get(i).set(java.nio.FloatBuffer.wrap(s[i]));
		} finally {
			JniUtils.setGradMode(grad);
		}
	}

	/** The optimizer's state (step count and moments), for a checkpoint. */
	public synchronized OptimizerState optimizerState() {
		float[][] m = new float[params.size()][], v = new float[params.size()][];
		for (int i = 0; i < m.length; i++) {
			m[i] = mean.get(i).toFloatArray();
			v[i] = variance.get(i).toFloatArray();
		}
		return new OptimizerState(steps, m, v);
	}

	/** Continues from a checkpoint's optimizer state. */
	public synchronized void resume(OptimizerState s) {
		if (s.mean.length != params.size()) throw new JpegRestoreException("the checkpoint's optimizer state is for another model");
		for (int i = 0; i < s.mean.length; i++) {
			if (s.mean[i].length != params.get(i).size()) throw new JpegRestoreException("the checkpoint's optimizer state is for another model");
			mean.get(i).set(java.nio.FloatBuffer.wrap(s.mean[i]));
			variance.get(i).set(java.nio.FloatBuffer.wrap(s.variance[i]));
		}
		steps = s.steps;
	}

	/** Adam's step count and moments, one array per weight tensor. */
	public static final class OptimizerState {
		public final int steps;
		public final float[][] mean, variance;

		public OptimizerState(int steps, float[][] mean, float[][] variance) {
			this.steps = steps;
			this.mean = mean;
			this.variance = variance;
		}
	}

	@Override
	public synchronized void close() {
		block.close();
		manager.close();
	}
}
