package io.github.jpegrestore.ij;

import ij.IJ;
import io.github.jpegrestore.inference.Progress;

/** Progress on ImageJ's progress bar and status line, in percent with the stage (the plane); Esc cancels. */
public final class IjProgress implements Progress {
	private final String what;
	private volatile String stage = "";

	public IjProgress(String what) {
		this.what = what;
	}

	@Override
	public void stage(String s) {
		stage = s == null ? "" : s;
	}

	@Override
	public void update(long done, long total) {
		double f = (double) done / Math.max(1, total);
		IJ.showProgress(f);
		IJ.showStatus(status(what, stage, f));
	}

	/** "JPEG Restore Luma: plane 3/40, 42% (Esc to cancel)". */
	static String status(String what, String stage, double fraction) {
		return what + ": " + (stage.isEmpty() ? "" : stage + ", ") + Math.round(100 * Math.min(1, Math.max(0, fraction))) + "% (Esc to cancel)";
	}

	@Override
	public boolean canceled() {
		return IJ.escapePressed();
	}
}
