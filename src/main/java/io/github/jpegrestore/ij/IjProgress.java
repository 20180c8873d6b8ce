package io.github.jpegrestore.ij;

import ij.IJ;
import io.github.jpegrestore.inference.Progress;

/** Progress on ImageJ's status bar; Esc cancels. */
public final class IjProgress implements Progress {
	private final String what;

	public IjProgress(String what) {
		this.what = what;
	}

	@Override
	public void update(long done, long total) {
		IJ.showProgress((double) done / Math.max(1, total));
		IJ.showStatus(what + ": " + done + "/" + total + " tiles (Esc to cancel)");
	}

	@Override
	public boolean canceled() {
		return IJ.escapePressed();
	}
}
