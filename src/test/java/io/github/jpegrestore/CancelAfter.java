package io.github.jpegrestore;

import java.util.concurrent.atomic.AtomicInteger;

import io.github.jpegrestore.inference.Progress;

/** A progress that counts its updates and reports "canceled" (Esc pressed) from the {@code n}-th on. */
public final class CancelAfter implements Progress {
	public final AtomicInteger updates = new AtomicInteger();
	private final int n;

	public CancelAfter(int n) {
		this.n = n;
	}

	@Override
	public void update(long done, long total) {
		updates.incrementAndGet();
	}

	@Override
	public boolean canceled() {
		return updates.get() >= n;
	}
}
