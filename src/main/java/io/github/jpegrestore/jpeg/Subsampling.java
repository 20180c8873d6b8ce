package io.github.jpegrestore.jpeg;

/** Chroma subsampling of a color JPEG. */
public enum Subsampling {
	S420("420", 2, 2), S444("444", 1, 1);

	public final String label;
	/** Sampling factors of the luma component (chroma components are 1x1). */
	public final int h, v;

	Subsampling(String label, int h, int v) {
		this.label = label;
		this.h = h;
		this.v = v;
	}

	public static Subsampling fromLabel(String s) {
		for (Subsampling x : values())
			if (x.label.equals(s)) return x;
		throw new IllegalArgumentException("subsampling must be 420 or 444, got '" + s + "'");
	}
}
