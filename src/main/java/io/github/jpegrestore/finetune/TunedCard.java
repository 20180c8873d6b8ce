package io.github.jpegrestore.finetune;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

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
	private TunedCard() {}

	static Path weightsOf(Path card) {
		return card.resolveSibling(card.getFileName().toString().replaceAll("\\.json$", "") + ".pt");
	}

	/** Writes the weights, then the card (base card + {@code record} as "fine_tune"); returns the card's path. */
	static Path write(ModelCard base, Path out, boolean overwrite, JsonObject record, TrainableModel m) {
		Path card = out.toAbsolutePath(), weights = weightsOf(card);
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
		j.remove("memory_format"); // the trainable copy is traced without the channels_last wrapper
		if (base.task == io.github.jpegrestore.inference.ModelTask.COLOR && io.github.jpegrestore.inference.ModelStore.taskOf(base.guide) == null) {
			// a color model's luma model that only lay beside the base card: named by its path, as
			// the new card lives elsewhere and would not find it by name
			Path beside = base.dir.resolve(base.guide + ".json");
			if (java.nio.file.Files.isRegularFile(beside)) j.addProperty("guide", beside.toAbsolutePath().toString());
		}
		j.remove("validation");
		j.remove("validation_format");
		JsonObject t = new JsonObject();
		t.addProperty("file", weights.getFileName().toString());
		t.addProperty("sha256", sha);
		t.addProperty("how", "the fine-tuned weights themselves (not frozen): Fine-tune can train them further");
		j.add("trainable", t);
		j.add("fine_tune", record);
		String text = new GsonBuilder().setPrettyPrinting().create().toJson(j) + "\n";
		ImageFiles.writeAtomically(card, overwrite, tmp -> java.nio.file.Files.writeString(tmp, text, StandardCharsets.UTF_8));
		return card;
	}

	static JsonArray shas(java.util.List<TrainingImages.Item> items) {
		JsonArray a = new JsonArray();
		for (TrainingImages.Item i : items) a.add(i.sha256);
		return a;
	}

	static double round(double v) {
		return Math.round(v * 10000) / 10000.0;
	}
}
