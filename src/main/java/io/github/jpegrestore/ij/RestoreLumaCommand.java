package io.github.jpegrestore.ij;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import io.github.jpegrestore.inference.ContextLoader;
import io.github.jpegrestore.inference.DeviceChoice;
import io.github.jpegrestore.restore.QfChoice;

/**
 * The SciJava twin of "JPEG Restore Luma", for scripts, CommandService and headless Fiji. It has no
 * menu path of its own: the menu entry is the ImageJ 1 plugin of plugins.config (which works in
 * plain ImageJ 1 too), so Fiji shows one entry, not two. Parameters are not persisted.
 */
@Plugin(type = Command.class, headless = true, name = "JPEG Restore Luma", label = "JPEG Restore Luma")
public class RestoreLumaCommand implements Command {
	@Parameter(label = "Image", persist = false)
	public ImagePlus imp;

	@Parameter(label = "qf", description = "auto, file or 1-100", persist = false)
	public String qf = "auto";

	@Parameter(label = "constrain", persist = false)
	public boolean constrain;

	@Parameter(label = "device", choices = { "auto", "cpu", "gpu" }, persist = false)
	public String device = "auto";

	@Parameter(label = "tile", min = "0", persist = false)
	public int tile;

	@Parameter(label = "model", description = "model name or card path", required = false, persist = false)
	public String model = "luma";

	@Parameter(required = false)
	public LogService log;

	@Parameter(type = ItemIO.OUTPUT)
	public ImagePlus restored;

	@Override
	public void run() {
		if (imp == null || imp.getWidth() == 0 || imp.getStackSize() == 0) throw new IllegalArgumentException("no input image (or an empty one)");
		LumaRestoreOp op = new LumaRestoreOp();
		op.qf = QfChoice.parse(qf);
		op.constrain = constrain;
		op.device = DeviceChoice.fromLabel(device);
		op.tile = tile;
		if (model != null && !model.isEmpty()) op.model = model;
		restored = ContextLoader.call(() -> op.run(imp, new IjProgress(LumaRestoreOp.TITLE), m -> {
			if (log != null) log.info(m);
		}));
	}
}
