package io.github.jpegrestore.finetune;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.github.jpegrestore.inference.ModelCard;
import io.github.jpegrestore.inference.TrainableModel;
import io.github.jpegrestore.jpeg.ImageFiles;

/**
 * The card of a fine-tuned model: the base card with the new name, weights and sha256 (the weights
 * are a trainable TorchScript file, so they are also the card's trainable copy and can be tuned
 * again), without the base's bf16 variant and validation, and with a "fine_tune" record: base
 * model, images and their sha256, compressions, steps, wall clock and the held-out table.
 */
final class TunedCard {
	private final ModelCard base;
	private final FineTune.Options o;
	private final Degradation deg;
	private final TrainingImages imgs;
	private final FineTune.Result res;

	TunedCard(ModelCard base, FineTune.Options o, Degradation deg, TrainingImages imgs, FineTune.Result res) {
		this.base = base;
		this.o = o;
		this.deg = deg;
		this.imgs = imgs;
		this.res = res;
	}

	static Path weightsOf(Path card) {
		return card.resolveSibling(card.getFileName().toString().replaceAll("\\.json$", "") + ".pt");
	}

	Path write(TrainableModel m) {
		Path card = o.out.toAbsolutePath(), weights = weightsOf(card);
		m.save(weights);
		String sha = ModelCard.sha256(weights);
		JsonObject j = base.json.deepCopy();
		String name = card.getFileName().toString().replaceAll("\\.json$", "");
		j.addProperty("name", name);
		j.addProperty("file", weights.getFileName().toString());
		j.addProperty("sha256", sha);
		j.addProperty("format", "TorchScript (traced, not frozen), fine-tuned in JPEG Restore from " + base.name);
		j.addProperty("storage", "trainable");
		j.remove("variants");
		j.remove("validation");
		j.remove("validation_format");
		JsonObject t = new JsonObject();
		t.addProperty("file", weights.getFileName().toString());
		t.addProperty("sha256", sha);
		t.addProperty("how", "the fine-tuned weights themselves (not frozen): Fine-tune can train them further");
		j.add("trainable", t);
		j.add("fine_tune", record());
		String text = new GsonBuilder().setPrettyPrinting().create().toJson(j) + "\n";
		ImageFiles.writeAtomically(card, o.overwrite, tmp -> java.nio.file.Files.writeString(tmp, text, StandardCharsets.UTF_8));
		return card;
	}

	private JsonObject record() {
		JsonObject f = new JsonObject();
		f.addProperty("base", base.name);
		f.addProperty("base_sha256", base.sha256);
		f.addProperty("when", Instant.now().toString());
		f.addProperty("compression", deg.description);
		f.addProperty("train_images", imgs.train.size());
		f.addProperty("held_out_images", imgs.heldOut.size());
		f.add("train_sha256", shas(imgs.train));
		f.add("held_out_sha256", shas(imgs.heldOut));
		f.addProperty("steps", res.steps);
		f.addProperty("wall_clock_s", Math.round(res.seconds));
		f.addProperty("batch", o.batch);
		f.addProperty("patch", o.patch);
		f.addProperty("learning_rate", o.lr);
		f.addProperty("held_out_measure", "mean PSNR (dB) of the held-out images' central 512 x 512 (8-bit Y), at each compression; guard: a quality outside the ones trained for, which may lose at most " + FineTune.GUARD_LOSS_DB + " dB");
		JsonObject v = new JsonObject();
		for (FineTune.Row r : res.rows) {
			JsonObject row = new JsonObject();
			row.addProperty("jpeg", round(r.jpeg));
			row.addProperty("base", round(r.base));
			row.addProperty("tuned", round(r.tuned));
			if (r.guard) row.addProperty("guard", true);
			v.add(r.label, row);
		}
		f.add("held_out", v);
		f.addProperty("margin_db", round(res.margin));
		return f;
	}

	private static JsonArray shas(java.util.List<TrainingImages.Item> items) {
		JsonArray a = new JsonArray();
		for (TrainingImages.Item i : items) a.add(i.sha256);
		return a;
	}

	private static double round(double v) {
		return Math.round(v * 10000) / 10000.0;
	}
}
