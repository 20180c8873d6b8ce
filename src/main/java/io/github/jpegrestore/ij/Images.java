package io.github.jpegrestore.ij;

import ij.ImagePlus;
import ij.WindowManager;

/** Open images by title, for dialogs and macro options. */
public final class Images {
	private Images() {}

	public static final String NONE = io.github.jpegrestore.spec.Setting.NONE;

	public static String[] titles(boolean withNone) {
		String[] t = WindowManager.getImageTitles();
		if (!withNone) return t;
		String[] out = new String[t.length + 1];
		out[0] = NONE;
		System.arraycopy(t, 0, out, 1, t.length);
		return out;
	}

	/** The open image with this title; null for "none"; an error when there is none such. */
	public static ImagePlus byTitle(String title) {
		if (title == null || title.equals(NONE)) return null;
		ImagePlus imp = WindowManager.getImage(title);
		if (imp == null) throw new IllegalArgumentException("no open image is titled '" + title + "'");
		return imp;
	}

	/** A twin's image input: refused when missing or empty (SciJava's placeholder). */
	static void require(ImagePlus imp, String what) {
		if (imp == null || imp.getWidth() == 0 || imp.getStackSize() == 0) throw new IllegalArgumentException("no " + what + " image (or an empty one)");
	}
}
