package io.github.jpegrestore.restore;

/** Where the QF a restorer was given came from; its label is what logs, tables and restore-log.csv say. */
public enum QfSource {
	/** The JPEG file's luma table. */
	FILE("file"),
	/** A double JPEG's earlier, stronger compression, found on a shifted grid. */
	DOMINANT("dominant"),
	/** The blind model's prediction from the pixels (one per image or plane). */
	PREDICTED("predicted"),
	/** The classical estimate from the pixels (an image without its JPEG file). */
	ESTIMATED("estimated"),
	/** A number the user gave. */
	GIVEN("given"),
	/** A restorer that takes no QF (the jpeg and jpegqs baselines). */
	NONE("");

	public final String label;

	QfSource(String label) {
		this.label = label;
	}

	/** From the pixels, so it may differ from plane to plane of a stack. */
	public boolean fromPixels() {
		return this == PREDICTED || this == ESTIMATED;
	}

	/** From the image's JPEG file (its table, or the compression that dominates it). */
	public boolean fromFile() {
		return this == FILE || this == DOMINANT;
	}

	@Override
	public String toString() {
		return label;
	}
}
