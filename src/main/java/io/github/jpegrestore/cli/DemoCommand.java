package io.github.jpegrestore.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import javax.imageio.ImageIO;

import io.github.jpegrestore.JpegRestoreException;
import io.github.jpegrestore.inference.DeviceChoice;
import io.github.jpegrestore.inference.Progress;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.ImageConvert;
import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.Subsampling;
import io.github.jpegrestore.metrics.Metrics;
import io.github.jpegrestore.metrics.SsimWindow;
import io.github.jpegrestore.metrics.YMode;
import io.github.jpegrestore.restore.Input;
import io.github.jpegrestore.restore.QfChoice;
import io.github.jpegrestore.restore.RestoreOptions;
import io.github.jpegrestore.restore.Restorer;
import io.github.jpegrestore.restore.Restorers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true,
	description = "Compress the bundled samples at QF 20 (4:2:0), restore them (gray: luma model; RGB: luma only and the color pipeline), "
		+ "print PSNR/SSIM/PSNR-B before and after; images go to --out.")
final class DemoCommand implements Callable<Integer> {
	static final String SAMPLE = "/samples/sample.png", SAMPLE_COLOR = "/samples/sample-color.png";

	@Spec CommandSpec spec;
	@Option(names = "--out", defaultValue = "demo-output", description = "folder for the images") Path outDir;
	@Option(names = "--qf", defaultValue = "20") int qf;
	@Option(names = "--device", defaultValue = "auto") String device;
	@Option(names = "--model", defaultValue = "luma", description = "the luma model (name or card path)") String luma;
	@Option(names = "--color-model", defaultValue = "color", description = "the color model (name or card path)") String color;

	@Override
	public Integer call() throws Exception {
		Args.quality(qf);
		RestoreOptions o = new RestoreOptions().qf(QfChoice.FILE).device(DeviceChoice.fromLabel(device));
		Files.createDirectories(outDir);
		PrintWriter out = spec.commandLine().getOut();
		Image8 gray = sample(SAMPLE);
		out.println("sample.png: " + gray + ", widefield fluorescence (F-actin), JPEG QF " + qf);
		run(out, gray, "sample", YMode.FULL, new String[] { luma }, o);
		Image8 rgb = sample(SAMPLE_COLOR);
		out.println("sample-color.png: " + rgb + ", HeLa cells, 3 fluorescence channels as RGB, JPEG QF " + qf + " 4:2:0; RGB metrics");
		run(out, rgb, "sample-color", YMode.NONE, new String[] { luma, color }, o);
		out.println("images in " + outDir.toAbsolutePath());
		out.flush();
		return Exit.OK;
	}

	static Image8 sample(String resource) throws java.io.IOException {
		try (InputStream in = DemoCommand.class.getResourceAsStream(resource)) {
			if (in == null) throw new Exit.CliFailure("the bundled sample " + resource + " is missing from the build");
			return ImageConvert.fromBuffered(ImageIO.read(in));
		}
	}

	/** Compresses, restores with each model, prints the metrics and writes the images. */
	void run(PrintWriter out, Image8 sample, String name, YMode y, String[] models, RestoreOptions o) {
		byte[] jpg = JpegCodec.compress(sample, qf, Subsampling.S420);
		Input in = Input.jpegFile(jpg);
		ImageFiles.write(sample, outDir.resolve(name + "-original.png"), true);
		ImageFiles.writeBytes(jpg, outDir.resolve(name + "-qf" + qf + ".jpg"), true);
		Metrics.Result before = Metrics.compute(sample, in.image, y, SsimWindow.GAUSSIAN);
		out.println(String.format(Locale.ROOT, "  %-10s %s  (%d bytes)", "jpeg", before.line(), jpg.length));
		for (String m : models) {
			Restorer r;
			try {
				r = Restorers.create(m, o);
			} catch (JpegRestoreException | IllegalArgumentException e) {
				out.println("  " + m + ": not run (" + e.getMessage() + ")");
				continue;
			}
			long t0 = System.nanoTime();
			Image8 restored = r.restore(in, Progress.NONE).image;
			double s = (System.nanoTime() - t0) / 1e9;
			String kind = m.equals(luma) ? "luma" : "color";
			ImageFiles.write(restored, outDir.resolve(name + "-qf" + qf + "-" + kind + ".png"), true);
			Metrics.Result after = Metrics.compute(sample, restored, y, SsimWindow.GAUSSIAN);
			String label = sample.channels == 3 && kind.equals("luma") ? "luma only" : kind;
			out.println(String.format(Locale.ROOT, "  %-10s %s  gain psnr=%+.2f dB ssim=%+.4f psnrb=%+.2f dB (%s on %s, %.2f s)", label, after.line(),
				after.psnr - before.psnr, after.ssim - before.ssim, after.psnrb - before.psnrb, r.name(), r.device(), s));
		}
		out.flush();
	}
}
