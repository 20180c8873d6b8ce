package io.github.jpegrestore.inference;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.github.jpegrestore.JpegRestoreException;

/** A model card (docs/architecture.md): the JSON beside each TorchScript file. */
public final class ModelCard {
	public final String name, file, sha256;
	public final ModelTask task;
	/**
	 * For a color model: the luma model whose output it was trained on; for a blind model: the luma
	 * model that restores when the JPEG file gives the QF ("guide", default "luma").
	 */
	public final String guide;
	/**
	 * A blind model whose file only predicts the QF ("predictor_only": true, export.py
	 * --predictor-only): its guide luma model restores under every QF, the predicted one too, so the
	 * file holds no second copy of luma's weights.
	 */
	public final boolean predictorOnly;
	public final int sizeMultiple, halo, receptiveRadius;
	/**
	 * The halo the tiler uses: the card's "tile_halo" (measured by training/halo.py: tiled output
	 * within one gray level of untiled, docs/architecture.md §3), else the exact {@link #halo}.
	 */
	public final int tileHalo;
	public final long parameters, flopsPerPixel;
	/** A blind model's QF prediction pass (card "qf_predictor_flops_per_pixel"), 0 for other models. */
	public final long qfPredictorFlopsPerPixel;
	/** The bf16 variant ("variants": {"bf16": {file, sha256}}, written by training/bf16.py), or null. */
	public final Variant bf16;
	/** The int8 variant ("variants": {"int8": {file, sha256}}, written by training/int8.py), or null. */
	public final Variant int8;
	/** The trainable copy ("trainable": {file, sha256}, written by training/trainable.py) that Fine-tune trains, or null. */
	public final Variant trainable;
	/** The card's folder; the weights are {@code dir.resolve(file)}. */
	public final Path dir;

	/** Another weights file of the same model (e.g. bf16). */
	public static final class Variant {
		public final String file, sha256;

		Variant(String file, String sha256) {
			this.file = file;
			this.sha256 = sha256;
		}
	}
	public final JsonObject json;

	private ModelCard(JsonObject j, Path dir) {
		this.json = j;
		this.dir = dir;
		this.name = str(j, "name");
		if (!name.chars().allMatch(c -> c >= 0x20 && c != 0x7f) || name.isEmpty() || name.length() > 200)
			throw new JpegRestoreException("model card in " + dir + ": its name must be 1-200 printable characters");
		this.task = ModelTask.of(str(j, "task"), name);
		this.file = ownFile(str(j, "file"));
		this.sha256 = str(j, "sha256");
		this.guide = j.has("guide") && !j.get("guide").isJsonNull() ? j.get("guide").getAsString() : "luma";
		this.predictorOnly = j.has("predictor_only") && j.get("predictor_only").isJsonPrimitive() && j.get("predictor_only").getAsBoolean();
		if (predictorOnly && task != ModelTask.BLIND)
			throw new JpegRestoreException("model card '" + name + "': only a blind model can be predictor_only, this is a " + task + " model");
		this.sizeMultiple = bounded(j, "size_multiple", 1, 1024);
		this.halo = bounded(j, "halo", 0, 4096);
		this.receptiveRadius = j.get("receptive_field_radius").getAsInt();
		this.tileHalo = j.has("tile_halo") ? j.get("tile_halo").getAsInt() : halo;
		if (tileHalo < 0 || tileHalo > halo)
			throw new JpegRestoreException("model card '" + name + "': tile_halo " + tileHalo + " is not between 0 and its halo " + halo);
		this.parameters = j.get("parameters").getAsLong();
		this.flopsPerPixel = j.get("flops_per_pixel").getAsLong();
		this.qfPredictorFlopsPerPixel = j.has("qf_predictor_flops_per_pixel") ? j.get("qf_predictor_flops_per_pixel").getAsLong() : 0;
		this.bf16 = variant(j, "bf16");
		this.int8 = variant(j, "int8");
		JsonObject t = j.has("trainable") && j.get("trainable").isJsonObject() ? j.getAsJsonObject("trainable") : null;
		this.trainable = t == null ? null : new Variant(ownFile(str(t, "file")), str(t, "sha256"));
	}

	private Variant variant(JsonObject j, String kind) {
		JsonObject v = j.has("variants") && j.get("variants").isJsonObject() && j.getAsJsonObject("variants").has(kind)
			&& j.getAsJsonObject("variants").get(kind).isJsonObject() ? j.getAsJsonObject("variants").getAsJsonObject(kind) : null;
		return v == null ? null : new Variant(ownFile(str(v, "file")), str(v, "sha256"));
	}

	/** A weights file must be a plain name in the card's own folder: no path, no "..", nothing absolute. */
	private String ownFile(String f) {
		if (f.isEmpty() || f.equals(".") || f.equals("..") || f.contains("/") || f.contains("\\") || f.contains(":") || f.chars().anyMatch(c -> c < 0x20))
			throw new JpegRestoreException("model card '" + name + "': its weights must be a file name in the card's own folder, not '"
				+ f.replaceAll("\\p{Cntrl}", "?") + "'");
		return f;
	}

	private static int bounded(JsonObject j, String k, int min, int max) {
		if (!j.has(k) || !j.get(k).isJsonPrimitive() || !j.get(k).getAsJsonPrimitive().isNumber())
			throw new JpegRestoreException("model card lacks a number '" + k + "'");
		double v = j.get(k).getAsDouble();
		if (v != Math.rint(v) || v < min || v > max)
			throw new JpegRestoreException("model card: '" + k + "' must be a whole number " + min + ".." + max + ", got " + j.get(k));
		return (int) v;
	}

	private static String str(JsonObject j, String k) {
		if (!j.has(k) || j.get(k).isJsonNull()) throw new JpegRestoreException("model card lacks '" + k + "'");
		return j.get(k).getAsString();
	}

	/** A card is a small JSON object (the shipped ones are under 40 KB): larger files are refused unread. */
	static final long MAX_CARD_BYTES = 4 << 20;

	public static ModelCard read(Path cardFile) {
		try {
			if (Files.size(cardFile) > MAX_CARD_BYTES)
				throw new JpegRestoreException(cardFile + ": not a model card (" + Files.size(cardFile) + " bytes; a card is a JSON object under " + (MAX_CARD_BYTES >> 20) + " MB)");
			String text = Files.readString(cardFile, StandardCharsets.UTF_8);
			com.google.gson.JsonElement root = JsonParser.parseString(text);
			if (!root.isJsonObject()) throw new JpegRestoreException(cardFile + ": not a model card (a card is a JSON object)");
			return new ModelCard(root.getAsJsonObject(), cardFile.toAbsolutePath().getParent());
		} catch (IOException e) {
			throw new JpegRestoreException(cardFile + ": cannot read model card: " + e.getMessage());
		} catch (StackOverflowError e) {
			throw new JpegRestoreException(cardFile + ": not a valid model card (JSON nested too deeply)");
		} catch (RuntimeException e) {
			if (e instanceof JpegRestoreException)
				throw e.getMessage().startsWith(cardFile.toString()) ? (JpegRestoreException) e : new JpegRestoreException(cardFile + ": " + e.getMessage());
			String why = JpegRestoreException.firstLine(String.valueOf(e.getMessage()));
			throw new JpegRestoreException(cardFile + ": not a valid model card (" + (why.length() > 200 ? why.substring(0, 200) + "..." : why) + ")");
		}
	}

	public Path weights() {
		return dir.resolve(file);
	}

	/** Checks that the weights exist and match the card's sha256; throws with a clear message otherwise. */
	public Path verifiedWeights() {
		return verified(file, sha256);
	}

	/** The file of fp32 (the card's own) or of the bf16 / int8 variant, or null where the card lists none. */
	public Variant weightsFor(Precision p) {
		switch (p) {
			case BF16:
				return bf16;
			case INT8:
				return int8;
			case FP32:
				return new Variant(file, sha256);
			default:
				throw new IllegalArgumentException("resolve precision=auto first");
		}
	}

	/** The weights file for fp32 or the bf16 / int8 variant, checked like {@link #verifiedWeights()}. */
	public Path verifiedWeights(Precision p) {
		Variant v = weightsFor(p);
		if (v == null) throw new JpegRestoreException("model '" + name + "' has no " + p.label + " variant");
		return verified(v.file, v.sha256);
	}

	/** The trainable copy, checked like {@link #verifiedWeights()}. */
	public Path verifiedTrainable() {
		if (trainable == null) throw new JpegRestoreException("model '" + name + "' has no trainable copy (training/trainable.py writes one), so it cannot be fine-tuned");
		return verified(trainable.file, trainable.sha256);
	}

	private Path verified(String f, String sum) {
		Path w = dir.resolve(f);
		if (!Files.isRegularFile(w)) throw new JpegRestoreException("model '" + name + "': weights file " + w + " is missing");
		String actual = sha256(w);
		if (!actual.equalsIgnoreCase(sum))
			throw new JpegRestoreException("model '" + name + "': " + w.getFileName() + " does not match its card (sha256 " + actual.substring(0, 12) + "…, card says " + sum.substring(0, Math.min(12, sum.length())) + "…)");
		return w;
	}

	public static String sha256(Path f) {
		try (InputStream in = Files.newInputStream(f)) {
			MessageDigest md = MessageDigest.getInstance("SHA-256");
			byte[] buf = new byte[1 << 16];
			for (int n; (n = in.read(buf)) > 0;) md.update(buf, 0, n);
			StringBuilder sb = new StringBuilder();
			for (byte b : md.digest()) sb.append(String.format("%02x", b));
			return sb.toString();
		} catch (IOException e) {
			throw new JpegRestoreException(f + ": cannot read: " + e.getMessage());
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
