package io.github.jpegrestore.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every model in models/ gives, through DJL in Java, the output PyTorch gave for its BioImage.IO
 * test input (NAME-test-input.npy, -qf.npy, -output.npy, written by training/rdf.py): the frozen
 * float32 exports, the half-stored luma-hq (float16 weights cast in its forward) and the scripted
 * blind model alike; a predictor-only blind model gives its input back and the QF PyTorch predicted.
 * A card's int8 variant (training/int8.py) loads through DJL and stays near that fp32 output.
 */
class ShippedModelsTest {
	/** A little-endian float32 .npy array (C order): shape and values. */
	static final class Npy {
		final long[] shape;
		final float[] data;

		Npy(long[] shape, float[] data) {
			this.shape = shape;
			this.data = data;
		}

		static Npy read(Path p) throws IOException {
			ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
			assertEquals((byte) 0x93, b.get(0), p + " is a .npy file");
			int major = b.get(6);
			int headerLen = major == 1 ? Short.toUnsignedInt(b.getShort(8)) : b.getInt(8);
			int start = major == 1 ? 10 : 12;
			String header = new String(b.array(), start, headerLen, StandardCharsets.ISO_8859_1);
			assertTrue(header.contains("'<f4'") && header.contains("'fortran_order': False"), p + ": float32, C order: " + header);
			Matcher m = Pattern.compile("'shape': \\(([^)]*)\\)").matcher(header);
			assertTrue(m.find(), header);
			long[] shape = Stream.of(m.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
			b.position(start + headerLen);
			float[] data = new float[b.remaining() / 4];
			b.asFloatBuffer().get(data);
			return new Npy(shape, data);
		}
	}

	@Test
	void everyShippedModelGivesItsPythonTestOutput() throws Exception {
		List<Path> cards;
		try (Stream<Path> s = Files.list(Path.of("models"))) {
			cards = s.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
		}
		assertTrue(cards.stream().anyMatch(c -> c.getFileName().toString().equals("luma-hq.json")), "luma-hq is shipped");
		for (Path c : cards) {
			ModelCard card = ModelCard.read(c);
			String name = card.name;
			Npy in = Npy.read(c.resolveSibling(name + "-test-input.npy"));
			Npy qf = Npy.read(c.resolveSibling(name + "-test-qf.npy"));
			Npy want = Npy.read(c.resolveSibling(name + "-test-output.npy"));
			TorchModel m = Sessions.get(card, DeviceChoice.CPU, Precision.FP32);
			TorchModel.Output got = m.run(in.data, in.shape, qf.data);
			assertArrayEquals(want.shape, got.shape, name + ": output shape");
			double worst = 0, change = 0;
			for (int i = 0; i < want.data.length; i++) {
				worst = Math.max(worst, Math.abs(want.data[i] - got.image[i]));
				if (card.task == io.github.jpegrestore.inference.ModelTask.COLOR) continue; // the input is Y, Cb, Cr; the output Cb, Cr
				change = Math.max(change, Math.abs(got.image[i] - in.data[i]));
			}
			assertTrue(worst <= 2e-4, name + ": Java differs from PyTorch by " + worst);
			if (card.predictorOnly) { // it gives its input back and the QF PyTorch predicted
				assertEquals(0.0, change, name + ": a predictor-only file returns its input");
				float wantQf = Npy.read(c.resolveSibling(name + "-test-output-qf.npy")).data[0];
				assertEquals(wantQf, got.qf[0], 1e-4, name + ": the predicted QF / 100");
				continue;
			}
			assertTrue(card.task == io.github.jpegrestore.inference.ModelTask.COLOR || change > 1e-3, name + ": the model changes its input (" + change + ")");
			if (card.int8 != null) {
				TorchModel.Output q8 = Sessions.get(card, DeviceChoice.CPU, Precision.INT8).run(in.data, in.shape, qf.data);
				assertArrayEquals(want.shape, q8.shape, name + " int8: output shape");
				double w8 = 0, sum = 0;
				for (int i = 0; i < want.data.length; i++) {
					double d = Math.abs(want.data[i] - q8.image[i]);
					w8 = Math.max(w8, d);
					sum += d;
				}
				// within 0.02 dB of fp32 on the validation sets: a few gray levels at most on any pixel
				assertTrue(w8 < 8 / 255.0 && sum / want.data.length < 0.5 / 255.0, name + " int8: largest difference " + w8 * 255 + " gray levels, mean " + sum / want.data.length * 255);
				assertTrue(w8 > 0, name + " int8: the variant is not the fp32 file");
			}
		}
	}
}
