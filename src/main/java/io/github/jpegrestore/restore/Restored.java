package io.github.jpegrestore.restore;

import io.github.jpegrestore.jpeg.Image8;

/** A restorer's result: the image and what it was restored under, for logs and tables. */
public final class Restored {
	public final Image8 image;
	/** The QF the network was given (luma table's), or -1 for restorers that take none. */
	public final int qf;
	/** Where the QF came from: "file", "estimated", "given", or "" when none. */
	public final QfSource qfSource;
	/** A remark for the log (e.g. "gray image: luma only"), or "". */
	public final String note;

	public Restored(Image8 image, int qf, QfSource qfSource, String note) {
		this.image = image;
		this.qf = qf;
		this.qfSource = qfSource;
		this.note = note;
	}

	public static Restored plain(Image8 image) {
		return new Restored(image, -1, QfSource.NONE, "");
	}
}
