package io.github.jpegrestore.ij;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;
import io.github.jpegrestore.inference.ContextLoader;
import io.github.jpegrestore.options.Catalog;

/**
 * The SciJava twins of the restore commands, for scripts, CommandService and headless Fiji. They
 * have no menu path of their own: the menu entries are the ImageJ 1 plugins of plugins.config
 * (which work in plain ImageJ 1 too), so Fiji shows one entry, not two. Fields are named as the
 * keys of {@link RestoreOp#LUMA}; their help and defaults are the core's ({@link Catalog}); a test
 * checks names, types, defaults, choices, bounds and help against it. Nothing is persisted.
 */
@Plugin(type = Command.class, headless = true, name = Menu.RESTORE_LUMA, label = Menu.RESTORE_LUMA)
public class RestoreLumaCommand implements Command {
	@Parameter(label = "Image", persist = false)
	public ImagePlus imp;

	@Parameter(label = "qf", description = Catalog.H_QF, persist = false)
	public String qf = Catalog.QF.def;

	@Parameter(label = "sweep", description = Catalog.H_SWEEP, persist = false)
	public boolean sweep = Catalog.SWEEP.flagDefault();

	@Parameter(label = "constrain", description = Catalog.H_CONSTRAIN, persist = false)
	public boolean constrain = Catalog.CONSTRAIN.flagDefault();

	@Parameter(label = "device", description = Catalog.H_DEVICE, choices = { "auto", "cpu", "gpu" }, persist = false)
	public String device = Catalog.DEVICE.def;

	@Parameter(label = "precision", description = Catalog.H_PRECISION, choices = { "auto", "fp32", "bf16", "int8" }, persist = false)
	public String precision = Catalog.PRECISION.def;

	@Parameter(label = "tile", description = Catalog.H_TILE, min = "0", max = "8192", persist = false)
	public int tile = Catalog.TILE.intDefault();

	@Parameter(label = "ensemble", description = Catalog.H_ENSEMBLE, persist = false)
	public boolean ensemble = Catalog.ENSEMBLE.flagDefault();

	@Parameter(label = "model", description = Catalog.H_MODEL, persist = false)
	public String model = spec().param("model").def;

	@Parameter(required = false)
	public LogService log;

	@Parameter(type = ItemIO.OUTPUT)
	public ImagePlus restored;

	CommandSpec spec() {
		return RestoreOp.LUMA;
	}

	@Override
	public void run() {
		Images.require(imp, "input");
		CommandSpec spec = spec();
		CommandSpec.Values v = spec.fromFields(this);
		restored = ContextLoader.call(() -> RestoreOp.run(spec, v, imp, new IjProgress(spec.title), m -> {
			if (log != null) log.info(m);
		}));
	}
}
