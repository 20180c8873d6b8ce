package io.github.jpegrestore.ij;

import ij.measure.ResultsTable;

/**
 * Result tables that grow: a second run adds its rows to the table of the same title instead of
 * replacing it. Headless (Fiji's --headless, a headless JVM) no table has a window, and ImageJ's
 * macro functions (Table.*, nResults, getResult, saveAs("Results")) then find only the Results
 * table: the table a command shows last is also put there, as a copy, so a headless macro reads it
 * as "Results".
 */
final class Tables {
	private Tables() {}

	/** Decimals of every number the suite's tables show (PSNR to 0.0001 dB, SSIM to 0.0001). */
	static final int DECIMALS = 4;

	/** Tables shown where there is no window to find them by (headless, batch macros), by title. */
	private static final java.util.Map<String, ResultsTable> HEADLESS = new java.util.HashMap<>();

	/** Shows {@code rows} under {@code title}, appended to the open table of that title if there is one. */
	static synchronized ResultsTable appendAndShow(ResultsTable rows, String title) {
		ResultsTable open = ResultsTable.getResultsTable(title);
		if (open == null) open = HEADLESS.get(title);
		if (open == null || open == rows) {
			show(rows, title);
			if (ResultsTable.getResultsTable(title) == null) HEADLESS.put(title, rows);
			return rows;
		}
		String[] headings = rows.getHeadings();
		for (int r = 0; r < rows.size(); r++) {
			open.incrementCounter();
			for (String h : headings) {
				if (h.equals("Label")) continue;
				double v = rows.getValue(h, r);
				String s = rows.getStringValue(h, r);
				if (Double.isNaN(v) && s != null && !s.equals("NaN")) open.addValue(h, s);
				else open.addValue(h, v);
			}
		}
		show(open, title);
		return open;
	}

	private static boolean hasFractions(ResultsTable t, int column) {
		for (int r = 0; r < t.size(); r++) {
			double v = t.getValueAsDouble(column, r);
			if (Double.isFinite(v) && v != Math.rint(v)) return true;
		}
		return false;
	}

	/** Shows a table under its title; where it gets no window (headless), also as the Results table. */
	static void show(ResultsTable t, String title) {
		decimals(t);
		t.show(title);
		if (!title.equals("Results") && ResultsTable.getResultsTable(title) == null) {
			ResultsTable copy = (ResultsTable) t.clone();
			ij.plugin.filter.Analyzer.setResultsTable(copy); // resets the decimals of the copy, whose array the clone shares
			decimals(copy);
			decimals(t);
		}
	}

	/** {@value #DECIMALS} decimals in every column with fractions, first run or appended to; whole numbers stay whole. */
	private static void decimals(ResultsTable t) {
		for (int c = 0; c <= t.getLastColumn(); c++)
			if (t.columnExists(c) && hasFractions(t, c)) t.setDecimalPlaces(c, DECIMALS);
	}
}
