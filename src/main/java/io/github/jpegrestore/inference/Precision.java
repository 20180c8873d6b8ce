package io.github.jpegrestore.inference;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import ai.djl.Device;

/**
 * The arithmetic a model runs in: {@code fp32} (the card's file), {@code bf16} (the card's bf16
 * variant: the same weights traced under bf16 autocast, PSNR within 0.01 dB of fp32 on the
 * validation sets, 2.3 times faster on the build machine's CPU), or {@code auto}: bf16 on a CPU
 * with bf16 arithmetic (AVX-512 BF16 or AMX, read from /proc/cpuinfo on Linux) when the card has
 * the variant, else fp32. On other CPUs bf16 is emulated and slower, and on GPUs it is not
 * measured yet, so auto keeps fp32 there. The Java system property {@code jpegrestore.bf16=false}
 * keeps auto in fp32 on every CPU (results identical across machines; the tests set it).
 */
public enum Precision {
	AUTO("auto"), FP32("fp32"), BF16("bf16");

	public final String label;

	Precision(String label) {
		this.label = label;
	}

	public static String[] labels() {
		Precision[] v = values();
		String[] s = new String[v.length];
		for (int i = 0; i < v.length; i++) s[i] = v[i].label;
		return s;
	}

	public static Precision fromLabel(String s) {
		for (Precision p : values())
			if (p.label.equalsIgnoreCase(s.trim())) return p;
		throw new IllegalArgumentException("precision must be auto, fp32 or bf16, got '" + s + "'");
	}

	/**
	 * Whether the model runs its bf16 variant on this device. A predictor-only blind model without
	 * one predicts in fp32 under precision=bf16 too: its guide luma model, which restores, takes the
	 * precision asked for.
	 */
	public boolean useBf16(ModelCard card, Device device) {
		switch (this) {
			case FP32:
				return false;
			case BF16:
				if (card.bf16 == null && card.predictorOnly) return false;
				if (card.bf16 == null) throw new IllegalArgumentException("model '" + card.name + "' has no bf16 variant (its card lists none); use precision=auto or fp32");
				return true;
			default:
				return autoBf16(card, device, CpuFeatures.BF16);
		}
	}

	/** precision=auto's choice for a CPU with or without bf16 arithmetic. */
	static boolean autoBf16(ModelCard card, Device device, boolean cpuHasBf16) {
		return card.bf16 != null && Device.Type.CPU.equals(device.getDeviceType()) && cpuHasBf16
			&& !"false".equalsIgnoreCase(System.getProperty("jpegrestore.bf16", "true"));
	}

	/** What the CPU can do, read once. */
	static final class CpuFeatures {
		private CpuFeatures() {}

		static final boolean BF16 = hasBf16(read(Path.of("/proc/cpuinfo")));

		static String read(Path p) {
			try {
				return Files.isRegularFile(p) ? new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1) : "";
			} catch (java.io.IOException | RuntimeException e) {
				return "";
			}
		}

		/** True when a "flags" line of Linux's /proc/cpuinfo lists avx512_bf16 or amx_bf16. */
		static boolean hasBf16(String cpuinfo) {
			for (String line : cpuinfo.split("\n")) {
				if (!line.toLowerCase(Locale.ROOT).startsWith("flags")) continue;
				for (String f : line.substring(line.indexOf(':') + 1).trim().split("\\s+"))
					if (f.equals("avx512_bf16") || f.equals("amx_bf16")) return true;
				return false;
			}
			return false;
		}
	}
}
