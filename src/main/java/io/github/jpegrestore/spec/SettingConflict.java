package io.github.jpegrestore.spec;

import java.util.function.UnaryOperator;

/**
 * Settings that do not go together (shift without then_qf, sweep with a fixed QF, constrain
 * without a JPEG file), found by the core whichever front end called it. The message names the
 * settings by key, as a macro writes them; the command line names them {@code --key-name}
 * ({@link #render}).
 */
public final class SettingConflict extends IllegalArgumentException {
	private static final long serialVersionUID = 1L;

	private final String template;
	private final String[] keys;

	/** {@code template}: the message with %1$s, %2$s ... where the keys' names go. */
	public SettingConflict(String template, String... keys) {
		super(String.format(template, (Object[]) keys));
		this.template = template;
		this.keys = keys.clone();
	}

	/** The message with each key named by {@code name} ({@code Setting::cliName}'s spelling, say). */
	public String render(UnaryOperator<String> name) {
		Object[] names = new Object[keys.length];
		for (int i = 0; i < keys.length; i++) names[i] = name.apply(keys[i]);
		return String.format(template, names);
	}
}
