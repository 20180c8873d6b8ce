package io.github.jpegrestore.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.jpegrestore.TestData;
import io.github.jpegrestore.TestModels;
import io.github.jpegrestore.inference.DeviceChoice;
import io.github.jpegrestore.inference.ModelCard;
import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.inference.Tiler;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.Subsampling;

/** The restorers work on the 8x8 grid of the compression that dominates, found in the pixels when needed. */
class GridTest {
	static Restorer luma(String qf, boolean constrain) {
		return Restorers.create(TestModels.tinyCardPath().toString(),
			new RestoreOptions().qf(QfChoice.parse(qf)).device(DeviceChoice.CPU).constrain(constrain));
	}

	/** {@code img} extended by px columns on the left and py rows on the top, mirrored without repeating the edge. */
	static Image8 mirrorPad(Image8 img, int px, int py) {
		Image8 out = new Image8(img.width + px, img.height + py, 1);
		for (int y = 0; y < out.height; y++)
			for (int x = 0; x < out.width; x++)
				out.data[y * out.width + x] = img.data[Math.abs(y - py) * img.width + Math.abs(x - px)];
		return out;
	}

	@Test
	void aJpegCroppedOffItsGridIsRestoredOnItsGrid() {
		// a QF-20 JPEG with 3 columns and 5 rows cut off, saved without its file: blocks start at (5, 3)
		Image8 img = JpegCodec.roundTrip(TestData.synthetic(203, 173, 1, 4), 20, Subsampling.S420).crop(3, 5, 200, 168);
		Input in = Input.pixels(img);
		Restored r = luma("auto", false).restore(in, Progress.NONE);
		assertEquals(io.github.jpegrestore.restore.QfSource.ESTIMATED, r.qfSource);
		assertEquals(20, r.qf, 2, "QF estimated on the found grid");
		assertTrue(r.note.contains("grid at (5,3)"), r.note);

		// the same as the network run on the image extended so that those blocks start at (0, 0)
		Image8 padded = mirrorPad(img, 3, 5);
		TiledModel net = new TiledModel(ModelCard.read(TestModels.tinyCardPath()), DeviceChoice.CPU, 0, 1, 1);
		Image8 expect = new Image8(padded.width, padded.height, 1);
		Tiler.Sink sink = (c, x, y, v) -> expect.data[y * padded.width + x] = (byte) Image8.clamp255(v * 255.0);
		net.run(padded.width, padded.height, LumaRestorer.luma(padded), sink, r.qf, null, Progress.NONE);
		assertEquals(expect.crop(3, 5, 200, 168), r.image);

		// a given QF is restored on the found grid too; an image with no JPEG traces stays on its own
		assertTrue(luma("20", false).restore(in, Progress.NONE).note.contains("grid at (5,3)"));
		Restored clean = luma("30", false).restore(Input.pixels(TestData.synthetic(200, 168, 1, 4)), Progress.NONE);
		assertEquals("", clean.note);
	}

	@Test
	void aDoubleJpegIsRestoredOnTheGridOfItsStrongerFirstCompression() {
		// QF 10, 3 columns and 5 rows dropped, then QF 40: the first grid's blocks start at (5, 3)
		byte[] file = JpegCodec.compressDouble(TestData.synthetic(256, 256, 1, 9), 10, 40, 3, 5, Subsampling.S420);
		Input in = Input.jpegFile(file);
		Restored auto = luma("auto", false).restore(in, Progress.NONE);
		assertEquals(io.github.jpegrestore.restore.QfSource.DOMINANT, auto.qfSource);
		assertTrue(auto.note.contains("grid at (5,3)"), auto.note);

		// qf=file and the quantization constraint (which needs the file's grid) stay on the file's grid
		Restored fileQf = luma("file", false).restore(in, Progress.NONE);
		assertEquals("", fileQf.note);
		Restored constrained = luma("auto", true).restore(in, Progress.NONE);
		assertEquals(io.github.jpegrestore.restore.QfSource.DOMINANT, constrained.qfSource);
		assertEquals("", constrained.note);
		assertNotEquals(auto.image, constrained.image);
		// the same double JPEG without its file (saved as PNG), and cut by (2, 1) more: found in the pixels
		Image8 pixels = JpegCodec.decode(file);
		Restored png = luma("auto", false).restore(Input.pixels(pixels), Progress.NONE);
		assertEquals(io.github.jpegrestore.restore.QfSource.ESTIMATED, png.qfSource);
		assertEquals(10, png.qf, 2, "the first, stronger compression's QF");
		assertTrue(png.note.contains("grid at (5,3)"), png.note);
		Restored cut = luma("auto", false).restore(Input.pixels(pixels.crop(2, 1, 250, 250)), Progress.NONE);
		assertEquals(10, cut.qf, 2);
		assertTrue(cut.note.contains("grid at (3,2)"), cut.note);
		// a single JPEG file: its own grid
		Restored single = luma("auto", false).restore(Input.jpegFile(JpegCodec.compress(TestData.synthetic(256, 256, 1, 9), 30, Subsampling.S420)), Progress.NONE);
		assertEquals(io.github.jpegrestore.restore.QfSource.FILE, single.qfSource);
		assertEquals("", single.note);
	}
}
