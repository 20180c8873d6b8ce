package io.github.jpegrestore.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import io.github.jpegrestore.JpegRestoreException;
import io.github.jpegrestore.TestModels;

/**
 * Training in the JVM equals PyTorch's: one L1 + Adam step on a fixed batch gives the output
 * torch.optim.Adam gives (fixture written by training/trainable.py --step-fixture, lr 1e-3).
 */
class TrainableModelTest {
	static Path res(String name) {
		return TestModels.tinyCardPath().resolveSibling(name);
	}

	static ShippedModelsTest.Npy npy(String what) throws Exception {
		return ShippedModelsTest.Npy.read(res("tiny-step-" + what + ".npy"));
	}

	static double maxDiff(float[] a, float[] b) {
		assertEquals(a.length, b.length);
		double d = 0;
		for (int i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
		return d;
	}

	@Test
	void oneStepEqualsPyTorchs() throws Exception {
		ShippedModelsTest.Npy x = npy("input"), y = npy("target"), q = npy("qf"), after = npy("after"), loss = npy("loss");
		try (TrainableModel m = new TrainableModel(res("tiny-train.pt"), Device.cpu())) {
			float[] before = m.run(x.data, x.shape, q.data);
			double l = m.step(x.data, x.shape, q.data, y.data, y.shape, 1e-3);
			assertEquals(loss.data[0], l, 1e-5, "L1 loss before the step, as PyTorch's");
			float[] now = m.run(x.data, x.shape, q.data);
			double change = maxDiff(before, now), off = maxDiff(after.data, now);
			assertTrue(change > 1e-3, "the step changed the output (by " + change + ")");
			assertTrue(off < 1e-5 + change * 1e-3, "output after one step as PyTorch's: off by " + off + " of a change of " + change);
			assertEquals(1, m.steps());
		}
	}

	@Test
	void savedWeightsRestoreAndResume(@TempDir Path dir) throws Exception {
		ShippedModelsTest.Npy x = npy("input"), y = npy("target"), q = npy("qf");
		Path saved = dir.resolve("tuned.pt");
		float[] out, outNext;
		TrainableModel.OptimizerState state;
		try (TrainableModel m = new TrainableModel(res("tiny-train.pt"), Device.cpu())) {
			m.step(x.data, x.shape, q.data, y.data, y.shape, 1e-3);
			out = m.run(x.data, x.shape, q.data);
			m.save(saved);
			state = m.optimizerState();
			float[][] snap = m.snapshot();
			m.step(x.data, x.shape, q.data, y.data, y.shape, 1e-3);
			outNext = m.run(x.data, x.shape, q.data);
			m.restore(snap);
			assertTrue(maxDiff(out, m.run(x.data, x.shape, q.data)) < 1e-7, "snapshot put back");
		}
		// the saved file is a TorchScript model like any other
		try (TorchModel t = new TorchModel(saved, Device.cpu())) {
			assertTrue(maxDiff(out, t.run(x.data, x.shape, q.data).image) < 1e-6, "saved weights restore as trained");
		}
		// and it trains on from there with the optimizer state: the second step as in one run
		try (TrainableModel m = new TrainableModel(saved, Device.cpu())) {
			m.resume(state);
			m.step(x.data, x.shape, q.data, y.data, y.shape, 1e-3);
			assertEquals(2, m.steps());
			assertTrue(maxDiff(outNext, m.run(x.data, x.shape, q.data)) < 1e-6, "resumed step equals the uninterrupted one");
		}
		assertArrayEquals(new String[0], Files.list(dir).map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part")).toArray(String[]::new));
	}

	@Test
	void aFrozenExportIsRefusedInOneLine() {
		JpegRestoreException e = assertThrows(JpegRestoreException.class, () -> new TrainableModel(res("tiny.pt"), Device.cpu()).close());
		assertTrue(e.getMessage().contains("no trainable weights"), e.getMessage());
	}
}
