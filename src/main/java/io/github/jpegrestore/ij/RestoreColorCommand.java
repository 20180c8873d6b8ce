package io.github.jpegrestore.ij;

import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** The SciJava twin of "JPEG Restore Color": the parameters of {@link RestoreLumaCommand}, model "color". */
@Plugin(type = Command.class, headless = true, name = Menu.RESTORE_COLOR, label = Menu.RESTORE_COLOR)
public class RestoreColorCommand extends RestoreLumaCommand {
	public RestoreColorCommand() {
		model = "color";
	}

	@Override
	CommandSpec spec() {
		return RestoreOp.COLOR;
	}
}
