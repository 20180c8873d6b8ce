package io.github.jpegrestore.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.github.jpegrestore.analysis.PatchAnalysis;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.jpeg.YCbCr;
import io.github.jpegrestore.metrics.Metrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "patches", mixinStandardHelpOptions = true,
	description = "Frequency and detail-density classes of 64x64 patches (and their PSNR/SSIM/PSNR-B against a reference); one CSV row per patch.")
final class PatchesCommand implements Callable<Integer>, Described {
	@Override
	public java.util.List<io.github.jpegrestore.spec.Setting> settings() {
		return io.github.jpegrestore.options.Catalog.PATCHES;
	}

	@Spec CommandSpec spec;
	@Parameters(index = "0", description = "test image") Path in;
	@Option(names = "--reference", description = "adds psnr, ssim, psnrb per patch to the CSV") Path reference;
	@Option(names = "--csv", required = true, description = "output CSV") Path csv;
	@Option(names = "--overwrite", description = "replace an existing CSV") boolean overwrite;

	@Override
	public Integer call() {
		ImageFiles.checkTarget(csv, overwrite);
		Image8 test = ImageFiles.read(in);
		double[] ref = null;
		if (reference != null) {
			Image8 r = ImageFiles.read(reference);
			Metrics.checkPair(r, test, null);
			ref = YCbCr.luma(r, false).plane(0);
		}
		List<PatchAnalysis.Patch> patches = PatchAnalysis.analyse(YCbCr.luma(test, false).plane(0), test.width, test.height, ref);
		StringBuilder sb = new StringBuilder("x,y,frequency,detail_density,frequency_class,detail_class" + (ref != null ? ",psnr,ssim,psnrb" : "") + "\n");
		for (PatchAnalysis.Patch p : patches) {
			sb.append(String.format(Locale.ROOT, "%d,%d,%.6f,%.6f,%d,%d", p.x, p.y, p.frequency, p.detail, p.frequencyClass, p.detailClass));
			if (ref != null) sb.append(String.format(Locale.ROOT, ",%.4f,%.4f,%.4f", p.psnr, p.ssim, p.psnrb));
			sb.append('\n');
		}
		ImageFiles.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8), csv, overwrite);
		PrintWriter out = spec.commandLine().getOut();
		out.println(patches.size() + " patches of 64x64");
		if (ref != null)
			for (boolean byF : new boolean[] { true, false }) {
				double[][] m = PatchAnalysis.classMeans(patches, byF);
				for (int c = 1; c <= PatchAnalysis.CLASSES; c++)
					out.printf(Locale.ROOT, "%s class %d: n=%d psnr=%.2f ssim=%.4f psnrb=%.2f%n", byF ? "frequency" : "detail", c, (int) m[c][3], m[c][0], m[c][1], m[c][2]);
			}
		out.flush();
		return Exit.OK;
	}
}
