package io.github.jpegrestore.restore;

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

	static Restorer fromCard(ModelCard card, RestoreOptions options) {
		switch (card.task) {
			case LUMA:
			case BLIND:
				if (options.guide != null && !options.guide.isBlank())
					throw new IllegalArgumentException("a guide goes with a color model; '" + card.name + "' is a " + card.task + " model");
				return new LumaRestorer(card, options);
			default: // COLOR
				return new ColorRestorer(new LumaRestorer(ModelStore.guideOf(card, options.guide), options), card, options);
		}
	}
}
