package io.github.jpegrestore.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.github.jpegrestore.jpeg.ImageFiles;
import io.github.jpegrestore.jpeg.Image8;
import io.github.jpegrestore.JpegRestoreException;
import io.github.jpegrestore.jpeg.JpegInfo;
import io.github.jpegrestore.analysis.QfEstimator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "qf", mixinStandardHelpOptions = true,
	description = "The IJG quality of each quantization table of a JPEG file: 'table=I qf=N ijg=true|false'; with --blind also 'blind qf=N double=true|false'.")
final class QfCommand implements Callable<Integer> {
	@Spec CommandSpec spec;
	@Parameters(index = "0", description = "JPEG file (any image with --blind)") Path in;
	@Option(names = "--blind", description = "also estimate the QF from the pixels and look for double compression with a shifted grid") boolean blind;

	@Override
	public Integer call() {
		byte[] b = ImageFiles.readBytes(in);
		boolean jpeg = JpegInfo.isJpeg(b);
		if (!jpeg && !blind) throw new JpegRestoreException(in.getFileName() + ": not a JPEG file (use --blind to estimate the quality from the pixels)");
		PrintWriter out = spec.commandLine().getOut();
		java.util.List<JpegInfo.TableQuality> tables = jpeg ? JpegInfo.parse(b).qualities() : java.util.List.of();
		if (jpeg) {
			if (tables.isEmpty() && !blind)
				throw new JpegRestoreException(in.getFileName() + ": a JPEG without quantization tables (DQT): nothing to read its quality from (use --blind)");
			for (JpegInfo.TableQuality t : tables)
				out.println("table=" + t.tableId + " qf=" + t.estimate.qf + " ijg=" + t.estimate.ijg);
		}
		Image8 img = blind ? ImageFiles.read(in) : null;
		String tooSmall = blind ? QfEstimator.tooSmall(img.width, img.height) : null;
		if (tooSmall != null) { // a blind QF from a few blocks is noise (a 20x20 JPEG at QF 20 read as 97)
			if (tables.isEmpty()) throw new JpegRestoreException(in.getFileName() + ": " + tooSmall);
			out.println("blind: " + tooSmall);
		} else if (blind) {
			QfEstimator.GridScan g = QfEstimator.scanGrids(img);
			int qf = g.gridShifted() ? g.shifted.qf : g.aligned.qf;
			out.println("blind qf=" + qf + " double=" + g.doubleCompressed());
			if (g.doubleCompressed()) out.println("first compression: qf=" + g.shifted.qf + " grid origin=" + g.dx + "," + g.dy);
			else if (g.gridShifted()) out.println("grid shifted: origin=" + g.dx + "," + g.dy + " (cropped off its 8x8 grid)");
			else if (!g.aligned.compressed) out.println("no JPEG traces (never compressed, or QF above about 97)");
		}
		out.flush();
		return Exit.OK;
	}
}
