package io.github.jpegrestore.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.jpeg.JpegException;
import io.github.jpegrestore.jpeg.JpegInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "qf", mixinStandardHelpOptions = true,
	description = "The IJG quality of each quantization table of a JPEG file: 'table=I qf=N ijg=true|false'.")
final class QfCommand implements Callable<Integer> {
	@Spec CommandSpec spec;
	@Parameters(index = "0", description = "JPEG file") Path in;

	@Override
	public Integer call() {
		byte[] b = ImageFiles.readBytes(in);
		if (!JpegInfo.isJpeg(b)) throw new JpegException(in.getFileName() + ": not a JPEG file");
		JpegInfo info = JpegInfo.parse(b);
		PrintWriter out = spec.commandLine().getOut();
		for (JpegInfo.TableQuality t : info.qualities())
			out.println("table=" + t.tableId + " qf=" + t.estimate.qf + " ijg=" + t.estimate.ijg);
		out.flush();
		return Main.OK;
	}
}
