package io.github.jpegrestore.cli;

import java.util.ArrayList;
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
		List<Integer> out = new ArrayList<>();
		for (String s : list.split(",")) {
			try {
				out.add(quality(Integer.parseInt(s.trim())));
			} catch (NumberFormatException e) {
				throw new IllegalArgumentException("--qf takes numbers 1..100 separated by commas, got '" + list + "'");
			}
		}
		return out;
	}

	/** "DX,DY" with both in 0..7. */
	static int[] shift(String s) {
		return io.github.jpegrestore.jpeg.JpegCodec.parseShift(s);
	}
}
