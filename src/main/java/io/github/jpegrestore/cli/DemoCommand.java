package io.github.jpegrestore.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import javax.imageio.ImageIO;

import io.github.jpegrestore.inference.DeviceChoice;
import io.github.jpegrestore.inference.ModelStore;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.ImageConvert;
import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.Subsampling;
import io.github.jpegrestore.metrics.Metrics;
import io.github.jpegrestore.metrics.SsimWindow;
import io.github.jpegrestore.metrics.YMode;
import io.github.jpegrestore.restore.LumaRestorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true,
	description = "Compress the bundled sample at QF 20, restore it with the luma model, print PSNR/SSIM/PSNR-B before and after; images go to --out.")
final class DemoCommand implements Callable<Integer> {
	static final String SAMPLE = "/samples/sample.png";

	@Spec CommandSpec spec;
	@Option(names = "--out", defaultValue = "demo-output", description = "folder for the images") Path outDir;
	@Option(names = "--qf", defaultValue = "20") int qf;
	@Option(names = "--model", defaultValue = "luma", description = "model name or card path") String model;
	@Option(names = "--device", defaultValue = "auto") String device;

	@Override
	public Integer call() throws Exception {
		Args.quality(qf);
		DeviceChoice dev = DeviceChoice.fromLabel(device);
		Image8 sample;
		try (InputStream in = DemoCommand.class.getResourceAsStream(SAMPLE)) {
			if (in == null) throw new Main.CliFailure("the bundled sample " + SAMPLE + " is missing from the build");
			sample = ImageConvert.fromBuffered(ImageIO.read(in));
		}
		Files.createDirectories(outDir);
		byte[] jpg = JpegCodec.compress(sample, qf, Subsampling.S420);
		Image8 decoded = JpegCodec.decode(jpg);
		LumaRestorer r = new LumaRestorer(ModelStore.find(model), dev, 0);
		long t0 = System.nanoTime();
		Image8 restored = r.restore(decoded, qf);
		double s = (System.nanoTime() - t0) / 1e9;
		ImageFiles.write(sample, outDir.resolve("sample-original.png"), true);
		ImageFiles.writeBytes(jpg, outDir.resolve("sample-qf" + qf + ".jpg"), true);
		ImageFiles.write(restored, outDir.resolve("sample-qf" + qf + "-restored.png"), true);
		Metrics.Result before = Metrics.compute(sample, decoded, YMode.FULL, SsimWindow.GAUSSIAN);
		Metrics.Result after = Metrics.compute(sample, restored, YMode.FULL, SsimWindow.GAUSSIAN);
		PrintWriter out = spec.commandLine().getOut();
		out.println("sample: " + sample + " (widefield fluorescence, F-actin), JPEG QF " + qf + " (" + jpg.length + " bytes)");
		out.println("jpeg      " + before.line());
		out.println("restored  " + after.line());
		out.printf(Locale.ROOT, "gain      psnr=%+.2f dB ssim=%+.4f psnrb=%+.2f dB  (model %s on %s, %.2f s)%n", after.psnr - before.psnr,
			after.ssim - before.ssim, after.psnrb - before.psnrb, r.card().name, r.model().device, s);
		out.println("images in " + outDir.toAbsolutePath());
		out.flush();
		return Main.OK;
	}
}
