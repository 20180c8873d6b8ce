package io.github.jpegrestore.inference;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import ai.djl.Device;

/**
 * The arithmetic a model runs in: {@code fp32} (the card's file), {@code bf16} (the card's bf16
 * variant: the same weights traced under bf16 autocast, PSNR within 0.01 dB of fp32 on the
 * validation sets), {@code int8} (the card's int8 variant, luma only: the two coarsest levels in
 * int8 with the FiLM of the call's QF folded in, training/int8.py, PSNR within 0.02 dB of fp32; CPU
 * only), or {@code auto}: the fastest variant the card has for this device. On a CPU
 * with bf16 arithmetic (AVX-512 BF16 or AMX, read from /proc/cpuinfo on Linux) that is bf16, else
 * on an x86-64 CPU int8, else fp32; on other CPUs bf16 is emulated and slower, int8 is measured on
 * x86 only, and GPUs keep fp32 (not measured yet). The Java system properties
 * {@code jpegrestore.bf16=false} and {@code jpegrestore.int8=false} keep auto off that variant on
 * every CPU (results identical across machines; the tests set both).
 */
public enum Precision {
	AUTO("auto"), FP32("fp32"), BF16("bf16"), INT8("int8");

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
		throw new IllegalArgumentException("precision must be auto, fp32, bf16 or int8, got '" + s + "'");
	}

	/**
	 * What the model runs in on this device: FP32, BF16 or INT8 (never AUTO). A predictor-only blind
	 * model without the variant asked for predicts in fp32: its guide luma model, which restores,
	 * takes the precision asked for.
	 */
	public Precision resolve(ModelCard card, Device device) {
		switch (this) {
			case FP32:
				return FP32;
			case BF16:
				if (card.bf16 == null && card.predictorOnly) return FP32;
				if (card.bf16 == null) throw new IllegalArgumentException("model '" + card.name + "' has no bf16 variant (its card lists none); use precision=auto or fp32");
				return BF16;
			case INT8:
				if (card.int8 == null && card.predictorOnly) return FP32;
				if (card.int8 == null) throw new IllegalArgumentException("model '" + card.name + "' has no int8 variant (its card lists none; luma has one); use precision=auto or fp32");
				if (!Device.Type.CPU.equals(device.getDeviceType())) throw new IllegalArgumentException("int8 runs on the CPU only; use device=cpu, or precision=auto or fp32 on the GPU");
				return INT8;
			default:
				return auto(card, device, CpuFeatures.BF16, CpuFeatures.X86);
		}
	}

	/** precision=auto's choice for a CPU with or without bf16 arithmetic, x86-64 or not. */
	static Precision auto(ModelCard card, Device device, boolean cpuHasBf16, boolean x86) {
		if (!Device.Type.CPU.equals(device.getDeviceType())) return FP32;
		if (card.bf16 != null && cpuHasBf16 && allowed("jpegrestore.bf16")) return BF16;
		if (card.int8 != null && x86 && allowed("jpegrestore.int8")) return INT8;
		return FP32;
	}

	private static boolean allowed(String property) {
		return !"false".equalsIgnoreCase(System.getProperty(property, "true"));
	}

	/** What the CPU can do, read once. */
	static final class CpuFeatures {
		private CpuFeatures() {}

		static final boolean BF16 = hasBf16(read(Path.of("/proc/cpuinfo")));
		/** An x86-64 CPU, where libtorch's int8 convolutions (fbgemm / oneDNN) were measured. */
		static final boolean X86 = isX86(System.getProperty("os.arch", ""));

		static boolean isX86(String osArch) {
			String a = osArch.toLowerCase(Locale.ROOT);
			return a.equals("amd64") || a.equals("x86_64");
		}

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
