package io.github.jpegrestore.inference;

import io.github.jpegrestore.JpegRestoreException;

/** What a model card's network does (its {@code task}); the label is the card's spelling. */
public enum ModelTask {
	/** Y in, restored Y out, under a QF it is given. */
	LUMA("luma"),
	/** [restored Y, Cb, Cr] in, restored Cb, Cr out. */
	COLOR("color"),
	/** Y in, restored Y and a predicted QF out. */
	BLIND("blind");

	public final String label;

	ModelTask(String label) {
		this.label = label;
	}

	/** The task a card names; a task this version does not know is refused with one line. */
	public static ModelTask of(String label, String card) {
		for (ModelTask t : values())
			if (t.label.equals(label)) return t;
		throw new JpegRestoreException("model '" + card + "' is a " + label + " model, which this version cannot run (it runs luma, color and blind models)");
	}

	@Override
	public String toString() {
		return label;
	}
}
