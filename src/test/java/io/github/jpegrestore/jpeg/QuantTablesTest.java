package io.github.jpegrestore.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuantTablesTest {
	/** The spec's formula written out independently (long arithmetic, explicit branches). */
	static int[] formula(int qf, int[] base) {
		long scale;
		if (qf < 50) scale = 5000L / qf;
		else scale = 200L - 2L * qf;
		int[] t = new int[64];
		for (int i = 0; i < 64; i++) {
			long v = (base[i] * scale + 50L) / 100L;
			if (v < 1) v = 1;
			if (v > 255) v = 255;
			t[i] = (int) v;
		}
		return t;
	}

	@Test
	void everyQualityMatchesTheFormula() {
		for (int qf = 1; qf <= 100; qf++) {
			assertArrayEquals(formula(qf, QuantTables.BASE_LUMA), QuantTables.forQuality(qf, false), "luma QF " + qf);
			assertArrayEquals(formula(qf, QuantTables.BASE_CHROMA), QuantTables.forQuality(qf, true), "chroma QF " + qf);
		}
	}

	@Test
	void knownAnchors() {
		assertArrayEquals(QuantTables.BASE_LUMA, QuantTables.forQuality(50, false));
		for (int v : QuantTables.forQuality(100, false)) assertEquals(1, v);
		assertEquals(255, QuantTables.forQuality(1, false)[63]); // 99 * 5000 / 100 clamps
		assertEquals(8, QuantTables.forQuality(75, false)[0]); // (16 * 50 + 50) / 100
		assertEquals(2, QuantTables.forQuality(90, false)[1]); // (11 * 20 + 50) / 100
	}

	@Test
	void estimateIsExactForEveryIjgTable() {
		for (int qf = 1; qf <= 100; qf++) {
			QuantTables.Estimate l = QuantTables.estimate(QuantTables.forQuality(qf, false), false);
			QuantTables.Estimate c = QuantTables.estimate(QuantTables.forQuality(qf, true), true);
			assertTrue(l.ijg && c.ijg, "QF " + qf);
			// tables of neighbouring QFs can coincide (chroma at high QF): then the highest QF is reported
			assertArrayEquals(QuantTables.forQuality(qf, false), QuantTables.forQuality(l.qf, false));
			assertArrayEquals(QuantTables.forQuality(qf, true), QuantTables.forQuality(c.qf, true));
		}
	}

	@Test
	void foreignTableGetsNearestQualityAndFlag() {
		int[] t = QuantTables.forQuality(80, false).clone();
		t[5] += 3;
		t[40] -= 2;
		QuantTables.Estimate e = QuantTables.estimate(t, false);
		assertFalse(e.ijg);
		assertEquals(80, e.qf, 1);
	}

	@Test
	void qualityOutsideRangeIsRefused() {
		assertThrows(IllegalArgumentException.class, () -> QuantTables.forQuality(0, false));
		assertThrows(IllegalArgumentException.class, () -> QuantTables.forQuality(101, false));
	}
}
