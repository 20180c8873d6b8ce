package io.github.jpegrestore.jpeg;

import io.github.jpegrestore.JpegRestoreException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.jpegrestore.TestData;

class JpegInfoTest {
	@Test
	void qualityRecoveredFromOurFilesForEveryQf() {
		Image8 gray = TestData.synthetic(24, 16, 1, 1), rgb = TestData.synthetic(24, 16, 3, 2);
		for (int qf = 1; qf <= 100; qf++) {
			JpegInfo g = JpegInfo.parse(JpegCodec.compress(gray, qf, Subsampling.S420));
			assertEquals(1, g.components.size());
			assertEquals("gray", g.subsampling());
			List<JpegInfo.TableQuality> gq = g.qualities();
			assertEquals(1, gq.size());
			assertTrue(gq.get(0).estimate.ijg);
			assertTableOfQuality(qf, false, g.tableOf(0), gq.get(0).estimate.qf);

			JpegInfo c = JpegInfo.parse(JpegCodec.compress(rgb, qf, Subsampling.S420));
			assertEquals("420", c.subsampling());
			List<JpegInfo.TableQuality> cq = c.qualities();
			assertEquals(2, cq.size());
			assertTrue(cq.get(0).estimate.ijg && cq.get(1).estimate.ijg, "QF " + qf);
			assertFalse(cq.get(0).chroma);
			assertTrue(cq.get(1).chroma);
			assertTableOfQuality(qf, false, c.tableOf(0), cq.get(0).estimate.qf);
			assertTableOfQuality(qf, true, c.tableOf(1), cq.get(1).estimate.qf);
			assertEquals(qf, c.lumaQuality().qf, "luma tables are distinct for every QF");
		}
	}

	private static void assertTableOfQuality(int qf, boolean chroma, int[] table, int estimated) {
		assertTrue(Arrays.equals(QuantTables.forQuality(qf, chroma), table), "the file holds the IJG table of QF " + qf);
		assertTrue(Arrays.equals(QuantTables.forQuality(estimated, chroma), table), "QF " + qf + " estimated as " + estimated);
	}

	@Test
	void libjpegFilesReadBack() {
		assertEquals(37, JpegInfo.parse(TestData.bytes("gray-q37.jpg")).lumaQuality().qf);
		JpegInfo c = JpegInfo.parse(TestData.bytes("rgb444-q90.jpg"));
		assertEquals(90, c.lumaQuality().qf);
		assertEquals("444", c.subsampling());
		assertEquals(37, c.width);
		assertEquals(53, c.height);
		assertEquals("420", JpegInfo.parse(TestData.bytes("rgb420-q5.jpg")).subsampling());
	}

	@Test
	void foreignTableIsFlagged() {
		JpegInfo f = JpegInfo.parse(TestData.bytes("foreign.jpg"));
		QuantTables.Estimate e = f.lumaQuality();
		assertFalse(e.ijg);
		assertTrue(e.qf >= 1 && e.qf <= 100);
		assertTrue(e.rmsError > 0);
	}

	@Test
	void nonJpegAndTruncatedHeadersAreRefused() {
		assertThrows(JpegRestoreException.class, () -> JpegInfo.parse("hello world".getBytes()));
		byte[] b = TestData.bytes("gray-q37.jpg");
		assertThrows(JpegRestoreException.class, () -> JpegInfo.parse(Arrays.copyOf(b, 30)));
	}
}
