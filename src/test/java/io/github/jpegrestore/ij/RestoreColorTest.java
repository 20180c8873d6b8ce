package io.github.jpegrestore.ij;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import io.github.jpegrestore.TestData;
import io.github.jpegrestore.TestModels;
import io.github.jpegrestore.inference.DeviceChoice;
import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.Subsampling;
import io.github.jpegrestore.restore.Input;
import io.github.jpegrestore.restore.QfChoice;
import io.github.jpegrestore.restore.RestoreOptions;
import io.github.jpegrestore.restore.Restorers;

/** "JPEG Restore Color" through ImageJ: ImagePlus adapter, macro interpreter, SciJava twin. */
class RestoreColorTest {
	@TempDir Path dir;
	static final String MODEL = "model=[" + TestModels.tinyColorCardPath() + "]";

	static ImagePlus rgb(int w, int h, int planes) {
		ImageStack st = new ImageStack(w, h);
		for (int i = 0; i < planes; i++) {
			Image8 im = JpegCodec.roundTrip(TestData.synthetic(w, h, 3, i), 20, Subsampling.S420);
			st.addSlice("t" + i, Planes.toProcessor(im, null));
		}
		return new ImagePlus("slide.tif", st);
	}

	static Image8 expected(Image8 plane, int qf) {
		return Restorers.create(TestModels.tinyColorCardPath().toString(), new RestoreOptions().qf(QfChoice.parse(Integer.toString(qf))).device(DeviceChoice.CPU))
			.restore(Input.pixels(plane), Progress.NONE).image;
	}

	@Test
	void rgbHyperstackKeepsEverythingButPixels() {
		ImagePlus imp = rgb(48, 40, 4);
		imp.setDimensions(1, 2, 2);
		imp.setOpenAsHyperStack(true);
		Calibration cal = imp.getCalibration();
		cal.pixelWidth = 0.5;
		cal.setUnit("um");
		imp.setProp("stain", "H&E");
		int[] before = ((int[]) imp.getStack().getPixels(3)).clone();
		List<String> log = new ArrayList<>();
		ImagePlus out = RestoreOp.run(RestoreOp.COLOR, RestoreOp.COLOR.parse("qf=20 device=cpu " + MODEL), imp, Progress.NONE, log::add);
		assertEquals("slide-tiny-color", out.getTitle(), "title + the model");
		assertEquals(24, out.getBitDepth());
		assertEquals(4, out.getStackSize());
		assertEquals(2, out.getNSlices());
		assertEquals(2, out.getNFrames());
		assertEquals(0.5, out.getCalibration().pixelWidth);
		assertEquals("H&E", out.getProp("stain"));
		assertArrayEquals(before, (int[]) imp.getStack().getPixels(3), "input untouched");
		assertEquals(expected(Planes.toImage8(imp.getStack().getProcessor(3)), 20), Planes.toImage8(out.getStack().getProcessor(3)));
		assertTrue(log.get(0).contains("model 'tiny-color'"), log.toString());
	}

	@Test
	void grayImageGetsANoteNotAnError() {
		ImagePlus g = new ImagePlus("g", new ByteProcessor(32, 32));
		List<String> log = new ArrayList<>();
		RestoreOp.run(RestoreOp.COLOR, RestoreOp.COLOR.parse("qf=30 device=cpu " + MODEL), g, Progress.NONE, log::add);
		assertTrue(log.stream().anyMatch(l -> l.contains("luma only")), log.toString());
	}

	@Test
	void cmykJpegIsRefusedWithOneLine() throws Exception {
		Path cmyk = TestData.fixture("cmyk.jpg");
		// ImageJ 1.54p's own opener refuses the file; Fiji may open it through Bio-Formats as RGB: an
		// image of the file's size whose original file is that JPEG, as such an opener leaves it
		assertNull(ij.IJ.openImage(cmyk.toString()), "ImageJ 1's opener refuses a CMYK JPEG");
		io.github.jpegrestore.jpeg.JpegInfo info = io.github.jpegrestore.jpeg.JpegInfo.parse(java.nio.file.Files.readAllBytes(cmyk));
		ImagePlus imp = new ImagePlus("cmyk.jpg", new ij.process.ColorProcessor(info.width, info.height));
		ij.io.FileInfo fi = new ij.io.FileInfo();
		fi.directory = cmyk.getParent().toString() + java.io.File.separator;
		fi.fileName = cmyk.getFileName().toString();
		imp.setFileInfo(fi);
		assertNotNull(JpegOrigin.of(imp), "the image is known to come from the CMYK file");
		RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
			() -> RestoreOp.run(RestoreOp.COLOR, RestoreOp.COLOR.parse("qf=auto device=cpu " + MODEL), imp, Progress.NONE, s -> {}));
		assertTrue(e.getMessage().contains("CMYK"), e.getMessage());
	}

	@Test
	void macroAndTwin() throws Exception {
		Path jpg = dir.resolve("slide.jpg"), out = dir.resolve("out.png");
		Image8 src = TestData.synthetic(64, 48, 3, 3);
		ImageFiles.writeBytes(JpegCodec.compress(src, 25, Subsampling.S420), jpg, false);
		String macro = "open(\"" + jpg + "\");\nrun(\"JPEG Restore Color\", \"qf=auto device=cpu " + MODEL + "\");\nsaveAs(\"PNG\", \"" + out + "\");\n";
		assertNull(MacroRunner.run(macro, ""));
		assertEquals(expected(JpegCodec.decode(java.nio.file.Files.readAllBytes(jpg)), 25), ImageFiles.read(out), "the macro's result is the restorer's");
		try (Context ctx = new Context(CommandService.class)) {
			ImagePlus imp = rgb(40, 40, 1);
			CommandModule m = ctx.service(CommandService.class).run(RestoreColorCommand.class, true, "imp", imp, "qf", "20", "device", "cpu",
				"model", TestModels.tinyColorCardPath().toString()).get();
			ImagePlus r = (ImagePlus) m.getOutput("restored");
			assertEquals(expected(Planes.toImage8(imp.getProcessor()), 20), Planes.toImage8(r.getProcessor()));
		}
	}
}
