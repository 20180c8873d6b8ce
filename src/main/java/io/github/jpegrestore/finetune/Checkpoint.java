package io.github.jpegrestore.finetune;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import io.github.jpegrestore.JpegRestoreException;
import io.github.jpegrestore.inference.ModelCard;
import io.github.jpegrestore.inference.TrainableModel;

/**
 * A fine-tune's checkpoint, beside its card: {@code NAME.finetune/} holds the weights (a
 * TorchScript file), Adam's moments and a key naming the base model and the image split, so that a
 * second run with the same base and images goes on from it, and a run with others is refused.
 */
final class Checkpoint {
	final Path dir;
	private final String key;

	Checkpoint(Path card, ModelCard base, TrainingImages imgs) {
		String stem = card.getFileName().toString().replaceAll("\\.json$", "");
		this.dir = card.toAbsolutePath().resolveSibling(stem + ".finetune");
		List<String> parts = new ArrayList<>();
		parts.add("base " + base.sha256);
		for (TrainingImages.Item i : imgs.train) parts.add("train " + i.sha256);
		for (TrainingImages.Item i : imgs.heldOut) parts.add("held-out " + i.sha256);
		this.key = sha256(String.join("\n", parts));
		if (exists()) {
			String was;
			try {
				was = Files.readString(dir.resolve("key"), StandardCharsets.UTF_8).trim();
			} catch (IOException e) {
				throw new JpegRestoreException("cannot read the checkpoint " + dir.getFileName() + ": " + e.getMessage());
			}
			if (!was.equals(key))
				throw new JpegRestoreException("the checkpoint " + dir.getFileName() + " is of another base model or other images; delete it or choose another --out");
		}
	}

	boolean exists() {
		return Files.isRegularFile(dir.resolve("weights.pt")) && Files.isRegularFile(dir.resolve("adam.bin")) && Files.isRegularFile(dir.resolve("key"));
	}

	Path weights() {
		return dir.resolve("weights.pt");
	}

	TrainableModel.OptimizerState optimizer() {
		try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(dir.resolve("adam.bin"))))) {
			int steps = in.readInt(), n = in.readInt();
			float[][] m = new float[n][], v = new float[n][];
			for (int i = 0; i < n; i++) {
				m[i] = floats(in);
				v[i] = floats(in);
			}
			return new TrainableModel.OptimizerState(steps, m, v);
		} catch (IOException e) {
			throw new JpegRestoreException("the checkpoint " + dir.getFileName() + " is damaged (" + e.getMessage() + "); delete it to start again");
		}
	}

	private static float[] floats(DataInputStream in) throws IOException {
		int len = in.readInt();
		if (len < 0 || len > 1 << 28) throw new IOException("bad length " + len);
		float[] a = new float[len];
		for (int i = 0; i < len; i++) a[i] = in.readFloat();
		return a;
	}

	/** Writes weights, moments and key; each file atomically, the key last. */
	void save(TrainableModel m) {
		try {
			Files.createDirectories(dir);
			m.save(weights());
			TrainableModel.OptimizerState s = m.optimizerState();
			Path tmp = dir.resolve(".adam.bin.part");
			try (OutputStream os = Files.newOutputStream(tmp); DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(os))) {
				out.writeInt(s.steps);
				out.writeInt(s.mean.length);
				for (int i = 0; i < s.mean.length; i++) {
					write(out, s.mean[i]);
					write(out, s.variance[i]);
				}
			}
			Files.move(tmp, dir.resolve("adam.bin"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			Files.writeString(dir.resolve("key"), key + "\n", StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new JpegRestoreException("cannot write the checkpoint " + dir.getFileName() + ": " + e.getMessage());
		}
	}

	private static void write(DataOutputStream out, float[] a) throws IOException {
		out.writeInt(a.length);
		for (float f : a) out.writeFloat(f);
	}

	static String sha256(String s) {
		try {
			byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
			StringBuilder b = new StringBuilder();
			for (byte x : d) b.append(String.format("%02x", x));
			return b.toString();
		} catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

}
