package io.github.jpegrestore.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import io.github.jpegrestore.TestData;
import io.github.jpegrestore.TestModels;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.Subsampling;
import io.github.jpegrestore.restore.Input;
import io.github.jpegrestore.restore.Restored;
import io.github.jpegrestore.restore.Restorer;

/** Issue 22, item 11 (found in the GUI): tiny images, never-compressed images, Patch Analysis tables. */
class GuiFindingsTest {
	@Test
	void estimateQualityOfATinyImageSaysItIsTooSmall() {
		Image8 tiny = JpegCodec.roundTrip(TestData.synthetic(20, 20, 1, 1), 20, Subsampling.S420);
		ResultsTable t = EstimateQualityPlugin.estimate(new ImagePlus("tiny", Planes.toProcessor(tiny, new ij.process.ByteProcessor(20, 20))));
		int last = t.size() - 1;
		assertTrue(Double.isNaN(t.getValue("QF", last)), "no blind QF for 4 blocks: " + t.getValue("QF", last));
		assertTrue(t.getStringValue("Note", last).startsWith("too small to estimate from its pixels (20x20: 4 blocks"), t.getStringValue("Note", last));
	}

	@Test
	void neverCompressedImageIsRestoredWithANote() {
		Image8 png = TestData.synthetic(96, 96, 1, 8);
		try (Restorer r = io.github.jpegrestore.restore.Restorers.create(TestModels.tinyCardPath().toString(),
			new io.github.jpegrestore.restore.RestoreOptions().device(io.github.jpegrestore.inference.DeviceChoice.CPU))) {
			Restored res = r.restore(new Input(png, null, null), io.github.jpegrestore.inference.Progress.NONE);
			assertEquals(io.github.jpegrestore.restore.QfSource.ESTIMATED, res.qfSource);
			assertTrue(res.note.startsWith("no JPEG traces found"), res.note);
			Image8 jpeg = JpegCodec.roundTrip(png, 30, Subsampling.S420);
			res = r.restore(new Input(jpeg, null, null), io.github.jpegrestore.inference.Progress.NONE);
			assertTrue(!res.note.startsWith("no JPEG traces"), "a JPEG's pixels have traces: " + res.note);
		}
	}

	@Test
	void patchTablesNameTheirImageAndGrow() {
		String macro = "newImage(\"first\", \"8-bit ramp\", 128, 128, 1);\n"
			+ "run(\"Add Noise\");\n"
			+ "run(\"JPEG Patch Analysis\", \"reference=first color=frequency\");\n"
			+ "newImage(\"second\", \"8-bit ramp\", 128, 64, 1);\n"
			+ "run(\"Add Noise\");\n"
			+ "run(\"JPEG Patch Analysis\", \"reference=second color=detail\");\n";
		assertNull(MacroRunner.run(macro, ""));
		ResultsTable results = ResultsTable.getResultsTable(); // headless: the table shown last
		assertEquals(4 + 2, results.size(), "both runs' patches: 4 of the first image, 2 of the second");
		assertEquals("first", results.getStringValue("image", 0));
		assertEquals("second", results.getStringValue("image", 5));
	}
}
