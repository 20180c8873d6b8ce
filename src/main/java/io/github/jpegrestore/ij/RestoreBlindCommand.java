package io.github.jpegrestore.ij;

import org.scijava.command.Command;
import org.scijava.plugin.Plugin;

/** The SciJava twin of "JPEG Restore Blind": the parameters of {@link RestoreLumaCommand}, model "blind". */
@Plugin(type = Command.class, headless = true, name = Menu.RESTORE_BLIND, label = Menu.RESTORE_BLIND)
public class RestoreBlindCommand extends RestoreLumaCommand {
	@Override
	CommandSpec spec() {
		return RestoreOp.BLIND;
	}
}
