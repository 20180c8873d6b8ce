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

/**
 * precision=auto|fp32|bf16|int8: the card's bf16 (training/bf16.py) and int8 (training/int8.py)
 * variants, chosen by the CPU's flags.
 */
class PrecisionTest {
	@TempDir Path dir;

	static Restored restore(String card, Precision p, Image8 img) {
		try (Restorer r = Restorers.create(card, new RestoreOptions().qf(QfChoice.parse("20")).device(DeviceChoice.CPU).precision(p))) {
			Restored out = r.restore(Input.pixels(img), Progress.NONE);
			assertTrue(r.device().matches("CPU, \\d+ threads?, " + (p == Precision.AUTO ? "fp32" : p.label)), "the device line names threads and precision: " + r.device());
			return out;
		}
	}

	/** {largest, mean} absolute difference of two 8-bit images. */
	static double[] difference(Image8 a, Image8 b) {
		int worst = 0;
		long sum = 0;
		for (int i = 0; i < a.data.length; i++) {
			int d = Math.abs((a.data[i] & 0xff) - (b.data[i] & 0xff));
			worst = Math.max(worst, d);
			sum += d;
		}
		return new double[] { worst, sum / (double) a.data.length };
	}

	@Test
	void theBf16VariantRestoresWithinOneGrayLevelOfFp32() {
		Image8 img = JpegCodec.roundTrip(TestData.synthetic(160, 128, 1, 6), 20, Subsampling.S420);
		String card = TestModels.tinyCardPath().toString();
		Image8 fp32 = restore(card, Precision.FP32, img).image;
		double[] d = difference(fp32, restore(card, Precision.BF16, img).image);
		assertTrue(d[0] <= 2, "largest difference " + d[0]);
		assertTrue(d[1] < 0.25, "mean difference " + d[1]);
		// auto is fp32 in the tests (pom: jpegrestore.bf16=false, jpegrestore.int8=false), whatever the CPU
		assertEquals(fp32, restore(card, Precision.AUTO, img).image);
	}

	@Test
	void theInt8VariantRestoresCloseToFp32AndMovesWithTheQf() {
		String card = TestModels.tinyCardPath().toString();
		Image8 clean = TestData.synthetic(160, 128, 1, 6);
		for (int qf : new int[] { 20, 60 }) {
			Image8 img = JpegCodec.roundTrip(clean, qf, Subsampling.S420);
			Restored fp32, int8;
			try (Restorer r = Restorers.create(card, new RestoreOptions().qf(QfChoice.parse(String.valueOf(qf))).device(DeviceChoice.CPU).precision(Precision.FP32))) {
				fp32 = r.restore(Input.pixels(img), Progress.NONE);
			}
			try (Restorer r = Restorers.create(card, new RestoreOptions().qf(QfChoice.parse(String.valueOf(qf))).device(DeviceChoice.CPU).precision(Precision.INT8))) {
				int8 = r.restore(Input.pixels(img), Progress.NONE);
				assertTrue(r.device().matches("CPU, \\d+ threads?, int8"), r.device());
			}
			double[] d = difference(fp32.image, int8.image);
			// the tiny model's card: int8 within 0.005 dB of fp32 on its synthetic set
			assertTrue(d[0] <= 3, "QF " + qf + ": largest difference " + d[0]);
			assertTrue(d[1] < 0.5, "QF " + qf + ": mean difference " + d[1]);
			assertTrue(d[0] > 0, "QF " + qf + ": int8 is not the fp32 file");
		}
	}

	@Test
	void autoTakesTheFastestVariantTheCardHasForThisCpu() {
		ModelCard tiny = TestModels.tiny(), color = ModelCard.read(TestModels.tinyColorCardPath());
		String oldBf16 = System.getProperty("jpegrestore.bf16"), oldInt8 = System.getProperty("jpegrestore.int8");
		try {
			System.clearProperty("jpegrestore.bf16");
			System.clearProperty("jpegrestore.int8");
			assertEquals(Precision.BF16, Precision.auto(tiny, Device.cpu(), true, true), "bf16 arithmetic: bf16 first");
			assertEquals(Precision.INT8, Precision.auto(tiny, Device.cpu(), false, true), "x86 without bf16: int8");
			assertEquals(Precision.FP32, Precision.auto(tiny, Device.cpu(), false, false), "not x86, no bf16: fp32");
			assertEquals(Precision.FP32, Precision.auto(tiny, Device.gpu(), true, true), "GPU: fp32 until measured");
			assertEquals(Precision.FP32, Precision.auto(color, Device.cpu(), true, true), "no variant on the card");
			System.setProperty("jpegrestore.bf16", "false");
			assertEquals(Precision.INT8, Precision.auto(tiny, Device.cpu(), true, true), "jpegrestore.bf16=false: the next fastest");
			System.setProperty("jpegrestore.int8", "false");
			assertEquals(Precision.FP32, Precision.auto(tiny, Device.cpu(), true, true), "both false keep auto in fp32");
		} finally {
			restoreProperty("jpegrestore.bf16", oldBf16);
			restoreProperty("jpegrestore.int8", oldInt8);
		}
		assertTrue(Precision.CpuFeatures.isX86("amd64"));
		assertTrue(Precision.CpuFeatures.isX86("x86_64"));
		assertFalse(Precision.CpuFeatures.isX86("aarch64"));
		assertTrue(Precision.CpuFeatures.hasBf16("processor\t: 0\nflags\t\t: fpu sse2 avx512f avx512_bf16 avx512_vnni\n"));
		assertTrue(Precision.CpuFeatures.hasBf16("flags\t\t: fpu amx_bf16 amx_tile\n"));
		assertFalse(Precision.CpuFeatures.hasBf16("flags\t\t: fpu sse2 avx2 avx512f\n"));
		assertFalse(Precision.CpuFeatures.hasBf16(""), "no /proc/cpuinfo (Windows, macOS): fp32");
	}

	static void restoreProperty(String key, String old) {
		if (old == null) System.clearProperty(key);
		else System.setProperty(key, old);
	}

	@Test
	void badPrecisionsAndMissingVariantsAreRefusedByName() throws Exception {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Precision.fromLabel("fp16"));
		assertTrue(e.getMessage().contains("auto, fp32, bf16 or int8"), e.getMessage());
		Image8 img = TestData.synthetic(64, 64, 1, 1);
		Image8 rgb = TestData.synthetic(64, 64, 3, 1);
		e = assertThrows(IllegalArgumentException.class, () -> restore(TestModels.tinyColorCardPath().toString(), Precision.BF16, rgb));
		assertTrue(e.getMessage().contains("no bf16 variant"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> restore(TestModels.tinyColorCardPath().toString(), Precision.INT8, rgb));
		assertTrue(e.getMessage().contains("no int8 variant"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> Precision.INT8.resolve(TestModels.tiny(), Device.gpu()));
		assertTrue(e.getMessage().contains("int8 runs on the CPU only"), e.getMessage());
		// a predictor-only blind model without one predicts in fp32; its luma model takes bf16
		ModelCard predictor = ModelCard.read(TestModels.tinyBlindPredictorCardPath());
		assertNull(predictor.bf16);
		assertEquals(Precision.FP32, Precision.BF16.resolve(predictor, Device.cpu()));
		assertEquals(Precision.FP32, Precision.INT8.resolve(predictor, Device.cpu()));
		assertEquals(restore(TestModels.tinyCardPath().toString(), Precision.BF16, img).image,
			restore(TestModels.tinyBlindPredictorCardPath().toString(), Precision.BF16, img).image, "restored by the luma model's bf16 variant");
		// a bf16 file that does not match its card is refused like the fp32 one
		Path copy = Files.createDirectories(dir.resolve("m"));
		Path src = TestModels.tinyCardPath().getParent();
		for (String f : new String[] { "tiny.json", "tiny.pt" }) Files.copy(src.resolve(f), copy.resolve(f));
		Files.write(copy.resolve("tiny-bf16.pt"), new byte[] { 1, 2, 3 });
		Exception bad = assertThrows(RuntimeException.class, () -> restore(copy.resolve("tiny.json").toString(), Precision.BF16, img));
		assertTrue(bad.getMessage().contains("does not match its card"), bad.getMessage());
		bad = assertThrows(RuntimeException.class, () -> restore(copy.resolve("tiny.json").toString(), Precision.INT8, img));
		assertTrue(bad.getMessage().contains("tiny-int8.pt") && bad.getMessage().contains("missing"), bad.getMessage());
	}
}
