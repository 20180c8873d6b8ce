package io.github.jpegrestore.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.djl.Device;
import io.github.jpegrestore.TestData;
import io.github.jpegrestore.TestModels;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.Subsampling;
import io.github.jpegrestore.restore.Input;
import io.github.jpegrestore.restore.QfChoice;
import io.github.jpegrestore.restore.RestoreOptions;
import io.github.jpegrestore.restore.Restored;
import io.github.jpegrestore.restore.Restorer;
import io.github.jpegrestore.restore.Restorers;

/** precision=auto|fp32|bf16: the card's bf16 variant (training/bf16.py), chosen by the CPU's flags. */
class PrecisionTest {
	@TempDir Path dir;

	static Restored restore(String card, Precision p, Image8 img) {
		try (Restorer r = Restorers.create(card, new RestoreOptions().qf(QfChoice.parse("20")).device(DeviceChoice.CPU).precision(p))) {
			Restored out = r.restore(Input.pixels(img), Progress.NONE);
			assertTrue(r.device().matches("CPU, \\d+ threads?, " + (p == Precision.BF16 ? "bf16" : "fp32")), "the device line names threads and precision: " + r.device());
			return out;
		}
	}

	@Test
	void theBf16VariantRestoresWithinOneGrayLevelOfFp32() {
		Image8 img = JpegCodec.roundTrip(TestData.synthetic(160, 128, 1, 6), 20, Subsampling.S420);
		String card = TestModels.tinyCardPath().toString();
		Image8 fp32 = restore(card, Precision.FP32, img).image, bf16 = restore(card, Precision.BF16, img).image;
		int worst = 0;
		long sum = 0;
		for (int i = 0; i < fp32.data.length; i++) {
			int d = Math.abs((fp32.data[i] & 0xff) - (bf16.data[i] & 0xff));
			worst = Math.max(worst, d);
			sum += d;
		}
		assertTrue(worst <= 2, "largest difference " + worst);
		assertTrue(sum < fp32.data.length / 4, "mean difference " + sum / (double) fp32.data.length);
		// auto is fp32 in the tests (pom: jpegrestore.bf16=false), whatever the CPU
		assertEquals(fp32, restore(card, Precision.AUTO, img).image);
	}

	@Test
	void autoTakesBf16OnlyOnACpuWithBf16ArithmeticAndACardWithTheVariant() {
		ModelCard tiny = TestModels.tiny(), color = ModelCard.read(TestModels.tinyColorCardPath());
		String old = System.getProperty("jpegrestore.bf16");
		try {
			System.clearProperty("jpegrestore.bf16");
			assertTrue(Precision.autoBf16(tiny, Device.cpu(), true));
			assertFalse(Precision.autoBf16(tiny, Device.cpu(), false), "emulated bf16 is slower");
			assertFalse(Precision.autoBf16(tiny, Device.gpu(), true), "GPU: fp32 until measured");
			assertFalse(Precision.autoBf16(color, Device.cpu(), true), "no variant on the card");
			System.setProperty("jpegrestore.bf16", "false");
			assertFalse(Precision.autoBf16(tiny, Device.cpu(), true), "jpegrestore.bf16=false keeps auto in fp32");
		} finally {
			if (old == null) System.clearProperty("jpegrestore.bf16");
			else System.setProperty("jpegrestore.bf16", old);
		}
		assertTrue(Precision.CpuFeatures.hasBf16("processor\t: 0\nflags\t\t: fpu sse2 avx512f avx512_bf16 avx512_vnni\n"));
		assertTrue(Precision.CpuFeatures.hasBf16("flags\t\t: fpu amx_bf16 amx_tile\n"));
		assertFalse(Precision.CpuFeatures.hasBf16("flags\t\t: fpu sse2 avx2 avx512f\n"));
		assertFalse(Precision.CpuFeatures.hasBf16(""), "no /proc/cpuinfo (Windows, macOS): fp32");
	}

	@Test
	void badPrecisionsAndMissingVariantsAreRefusedByName() throws Exception {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Precision.fromLabel("fp16"));
		assertTrue(e.getMessage().contains("auto, fp32 or bf16"), e.getMessage());
		Image8 img = TestData.synthetic(64, 64, 1, 1);
		Image8 rgb = TestData.synthetic(64, 64, 3, 1);
		e = assertThrows(IllegalArgumentException.class, () -> restore(TestModels.tinyColorCardPath().toString(), Precision.BF16, rgb));
		assertTrue(e.getMessage().contains("no bf16 variant"), e.getMessage());
		// a predictor-only blind model without one predicts in fp32; its luma model takes bf16
		ModelCard predictor = ModelCard.read(TestModels.tinyBlindPredictorCardPath());
		assertNull(predictor.bf16);
		assertFalse(Precision.BF16.useBf16(predictor, Device.cpu()));
		assertEquals(restore(TestModels.tinyCardPath().toString(), Precision.BF16, img).image,
			restore(TestModels.tinyBlindPredictorCardPath().toString(), Precision.BF16, img).image, "restored by the luma model's bf16 variant");
		// a bf16 file that does not match its card is refused like the fp32 one
		Path copy = Files.createDirectories(dir.resolve("m"));
		Path src = TestModels.tinyCardPath().getParent();
		for (String f : new String[] { "tiny.json", "tiny.pt" }) Files.copy(src.resolve(f), copy.resolve(f));
		Files.write(copy.resolve("tiny-bf16.pt"), new byte[] { 1, 2, 3 });
		Exception bad = assertThrows(RuntimeException.class, () -> restore(copy.resolve("tiny.json").toString(), Precision.BF16, img));
		assertTrue(bad.getMessage().contains("does not match its card"), bad.getMessage());
	}
}
