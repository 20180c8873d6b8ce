package io.github.jpegrestore.ij;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import io.github.jpegrestore.options.Catalog;

/** The SciJava twin of "JPEG Restore Color": the parameters of {@link RestoreLumaCommand}, model "color", and the guide. */
@Plugin(type = Command.class, headless = true, name = Menu.RESTORE_COLOR, label = Menu.RESTORE_COLOR)
public class RestoreColorCommand extends RestoreLumaCommand {
	@Parameter(label = "guide", description = Catalog.H_GUIDE, required = false, persist = false)
	public String guide = Catalog.GUIDE.def;

	@Override
	CommandSpec spec() {
		return RestoreOp.COLOR;
	}
}
