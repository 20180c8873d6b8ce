package io.github.jpegrestore.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import javax.imageio.ImageIO;

import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.jpeg.ImageConvert;
import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.jpeg.JpegCodec;
import io.github.jpegrestore.jpeg.Subsampling;
import io.github.jpegrestore.metrics.Metrics;
import io.github.jpegrestore.metrics.SsimWindow;
import io.github.jpegrestore.metrics.YMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true,
	description = "Compress the bundled sample at QF 20 and print its metrics; images go to --out.")
final class DemoCommand implements Callable<Integer> {
	static final String SAMPLE = "/samples/sample.png";

	@Spec CommandSpec spec;
	@Option(names = "--out", defaultValue = "demo-output", description = "folder for the images") Path outDir;
	@Option(names = "--qf", defaultValue = "20") int qf;

	@Override
	public Integer call() throws Exception {
		Args.quality(qf);
		Image8 sample;
		try (InputStream in = DemoCommand.class.getResourceAsStream(SAMPLE)) {
			if (in == null) throw new Main.CliFailure("the bundled sample " + SAMPLE + " is missing from the build");
			sample = ImageConvert.fromBuffered(ImageIO.read(in));
		}
		java.nio.file.Files.createDirectories(outDir);
		byte[] jpg = JpegCodec.compress(sample, qf, Subsampling.S420);
		Image8 decoded = JpegCodec.decode(jpg);
		ImageFiles.write(sample, outDir.resolve("sample-original.png"), true);
		ImageFiles.writeBytes(jpg, outDir.resolve("sample-qf" + qf + ".jpg"), true);
		Metrics.Result m = Metrics.compute(sample, decoded, YMode.FULL, SsimWindow.GAUSSIAN);
		PrintWriter out = spec.commandLine().getOut();
		out.println("sample: " + sample + ", JPEG QF " + qf + " (" + jpg.length + " bytes)");
		out.println("jpeg     " + m.line());
		out.println("restored (no trained model installed yet)");
		out.println("images written to " + outDir.toAbsolutePath());
		out.flush();
		return Main.OK;
	}
}
