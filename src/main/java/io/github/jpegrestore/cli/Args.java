package io.github.jpegrestore.cli;

import java.util.List;

import io.github.jpegrestore.jpeg.QuantTables;

/** Parsing and checking of option values shared by the commands. */
final class Args {
	private Args() {}

	static int quality(int qf) {
		QuantTables.checkQuality(qf);
		return qf;
	}

	static List<Integer> qualities(String list) {
		return io.github.jpegrestore.restore.Benchmark.qualities(list);
	}

	/** "DX,DY" with both in 0..7. */
	static int[] shift(String s) {
		return io.github.jpegrestore.jpeg.JpegCodec.parseShift(s);
	}
}
