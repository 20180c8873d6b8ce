package io.github.jpegrestore.restore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import io.github.jpegrestore.inference.ModelCard;
import io.github.jpegrestore.inference.ModelStore;

/**
 * The one place restorers are made: by name ("jpeg", "jpegqs") for the baselines, otherwise from a
 * model card (a name found by {@link ModelStore}, or a card path), keyed on the card's task.
 */
public final class Restorers {
	private Restorers() {}

	/** The names the front ends offer; a model card path is accepted too. */
	public static final String NETWORKS = "luma, luma-hq, color, blind", BASELINES = "jpeg, jpegqs";

	public static Restorer create(String model, RestoreOptions options) {
		String m = model == null ? "" : model.trim();
		if (m.isEmpty()) throw new IllegalArgumentException("no model given (" + NETWORKS + ", or a model card path)");
		switch (m.toLowerCase(Locale.ROOT)) {
			case "jpeg":
			case "jpegqs":
				if (options.constrain) throw new IllegalArgumentException("the quantization constraint goes with a network model, not " + m);
				return m.equalsIgnoreCase("jpeg") ? Baselines.jpeg() : Baselines.jpegqs();
			default:
				return fromCard(ModelStore.find(m), options);
		}
	}

	/**
	 * The model that restores Y for a color model: the options' guide when one is set (a luma or
	 * blind model, by name or card path), else the luma model it was trained behind: a card of that
	 * name beside it, else found by name.
	 */
	static ModelCard guide(ModelCard color, RestoreOptions options) {
		if (options.guide != null && !options.guide.isBlank()) return ModelStore.find(options.guide.trim());
		Path beside = color.dir.resolve(color.guide + ".json");
		return Files.isRegularFile(beside) ? ModelCard.read(beside) : ModelStore.find(color.guide);
	}

	static Restorer fromCard(ModelCard card, RestoreOptions options) {
		switch (card.task) {
			case "luma":
			case "blind":
				if (options.guide != null && !options.guide.isBlank())
					throw new IllegalArgumentException("a guide goes with a color model; '" + card.name + "' is a " + card.task + " model");
				return new LumaRestorer(card, options);
			case "color":
				return new ColorRestorer(new LumaRestorer(guide(card, options), options), card, options);
			default:
				throw new IllegalArgumentException("model '" + card.name + "' is a " + card.task + " model, which this version cannot run (it runs luma, color and blind models)");
		}
	}
}
