package io.github.jpegrestore.ij;

import ij.ImagePlus;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;
import io.github.jpegrestore.analysis.QfEstimator;
import io.github.jpegrestore.jpeg.JpegInfo;

/**
 * Plugins > JPEG Restore > JPEG Estimate Quality: the QF of each DQT table of the image's JPEG file
 * (exact IJG, or the equivalent QF of a foreign table), the blind estimate from the pixels, and a
 * hint when the pixels carry a second, shifted JPEG grid. ResultsTable "JPEG Quality Estimate".
 * Macro: run("JPEG Estimate Quality");
 */
public class EstimateQualityPlugin implements PlugIn {
	public static final String TITLE = Menu.ESTIMATE;
	public static final CommandSpec SPEC = new CommandSpec(TITLE, true, java.util.List.of());

	@Override
	public void run(String arg) {
		try {
			if (ij.Macro.getOptions() != null) SPEC.parse(ij.Macro.getOptions());
			Tables.appendAndShow(estimate(PluginSupport.currentImage()), "JPEG Quality Estimate");
		} catch (IllegalArgumentException | io.github.jpegrestore.JpegRestoreException e) {
			PluginSupport.fail(TITLE, e);
		}
	}

	public static ResultsTable estimate(ImagePlus imp) {
		Planes.validate(imp);
		ResultsTable rt = new ResultsTable();
		JpegInfo jpeg = JpegOrigin.of(imp);
		if (jpeg != null)
			for (JpegInfo.TableQuality t : jpeg.qualities()) {
				rt.incrementCounter();
				rt.addValue("Image", imp.getTitle());
				rt.addValue("Source", "DQT table " + t.tableId + (t.chroma ? " (chroma)" : " (luma)"));
				rt.addValue("QF", t.estimate.qf);
				rt.addValue("IJG", String.valueOf(t.estimate.ijg));
				rt.addValue("Note", t.estimate.ijg ? "exact" : String.format("equivalent QF (rms table difference %.2f)", t.estimate.rmsError));
			}
		String tooSmall = QfEstimator.tooSmall(imp.getWidth(), imp.getHeight());
		if (tooSmall != null) {
			rt.incrementCounter();
			rt.addValue("Image", imp.getTitle());
			rt.addValue("Source", "blind (pixels)");
			rt.addValue("QF", Double.NaN);
			rt.addValue("IJG", "");
			rt.addValue("Note", tooSmall);
			return rt;
		}
		QfEstimator.GridScan g = QfEstimator.scanGrids(Planes.toImage8(imp.getProcessor()));
		rt.incrementCounter();
		rt.addValue("Image", imp.getTitle());
		rt.addValue("Source", "blind (pixels, grid 0,0)");
		rt.addValue("QF", g.gridShifted() ? g.shifted.qf : g.aligned.qf);
		rt.addValue("IJG", "");
		String note = g.doubleCompressed() ? "double JPEG: an earlier compression at QF " + g.shifted.qf + " on a grid shifted to " + g.dx + "," + g.dy
			: g.gridShifted() ? "JPEG grid shifted to " + g.dx + "," + g.dy + " (cropped off its grid)"
			: g.aligned.compressed ? String.format("fit %.3f (0 = perfect, about 1 = no JPEG trace)", g.aligned.score)
			: "no JPEG traces (never compressed, or QF above about 97)";
		rt.addValue("Note", note);
		return rt;
	}
}
