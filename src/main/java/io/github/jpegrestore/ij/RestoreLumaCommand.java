package io.github.jpegrestore.ij;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import io.github.jpegrestore.inference.ContextLoader;

/**
 * The SciJava twins of the restore commands, for scripts, CommandService and headless Fiji. They
 * have no menu path of their own: the menu entries are the ImageJ 1 plugins of plugins.config
 * (which work in plain ImageJ 1 too), so Fiji shows one entry, not two. Fields are named as the
 * keys of {@link RestoreOp#LUMA} (a test checks names, defaults and choices); nothing is persisted.
 */
@Plugin(type = Command.class, headless = true, name = Menu.RESTORE_LUMA, label = Menu.RESTORE_LUMA)
public class RestoreLumaCommand implements Command {
	@Parameter(label = "Image", persist = false)
	public ImagePlus imp;

	@Parameter(label = "qf", description = "auto, file, predicted (blind) or 1-100", persist = false)
	public String qf = "auto";

	@Parameter(label = "sweep", persist = false)
	public boolean sweep;

	@Parameter(label = "constrain", persist = false)
	public boolean constrain;

	@Parameter(label = "device", choices = { "auto", "cpu", "gpu" }, persist = false)
	public String device = "auto";

	@Parameter(label = "precision", choices = { "auto", "fp32", "bf16" }, persist = false)
	public String precision = "auto";

	@Parameter(label = "tile", min = "0", persist = false)
	public int tile;

	@Parameter(label = "ensemble", persist = false)
	public boolean ensemble;

	@Parameter(label = "model", description = "model name or card path", persist = false)
	public String model = "luma";

	@Parameter(required = false)
	public LogService log;

	@Parameter(type = ItemIO.OUTPUT)
	public ImagePlus restored;

	CommandSpec spec() {
		return RestoreOp.LUMA;
	}

	@Override
	public void run() {
		AnalysisCommands.require(imp, "input");
		CommandSpec spec = spec();
		CommandSpec.Values v = spec.fromFields(this);
		restored = ContextLoader.call(() -> RestoreOp.run(spec, v, imp, new IjProgress(spec.title), m -> {
			if (log != null) log.info(m);
		}));
	}
}
