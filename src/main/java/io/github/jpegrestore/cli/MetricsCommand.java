package io.github.jpegrestore.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.metrics.Metrics;
import io.github.jpegrestore.metrics.SsimWindow;
import io.github.jpegrestore.metrics.YMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "metrics", mixinStandardHelpOptions = true,
	description = "PSNR, SSIM and PSNR-B of TEST against REFERENCE; prints 'psnr=... ssim=... psnrb=...'.")
final class MetricsCommand implements Callable<Integer>, Described {
	@Override
	public java.util.List<io.github.jpegrestore.spec.Setting> settings() {
		return io.github.jpegrestore.options.Catalog.METRICS;
	}

	@Spec CommandSpec spec;
	@Option(names = "--y") String y;
	@Option(names = "--ssim") String ssim;
	@Parameters(index = "0", description = "reference image") Path reference;
	@Parameters(index = "1", description = "test image") Path test;

	@Override
	public Integer call() {
		YMode mode = YMode.fromLabel(y);
		SsimWindow w = SsimWindow.fromLabel(ssim);
		Metrics.Result r = Metrics.compute(ImageFiles.read(reference), ImageFiles.read(test), mode, w);
		spec.commandLine().getOut().println(r.line());
		spec.commandLine().getOut().flush();
		return Exit.OK;
	}
}
