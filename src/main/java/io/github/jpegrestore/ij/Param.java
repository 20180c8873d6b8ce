package io.github.jpegrestore.ij;

import java.util.Arrays;

/**
 * One parameter of a command, described once: its macro key (snake_case, stable; also the dialog
 * label, so ImageJ's recorder writes {@code key=value}, and the name of the SciJava twin's field),
 * its kind, default and, for choices, the stable labels.
 */
public final class Param {
	public enum Kind {
		/** free text, e.g. qf=auto */
		TEXT,
		/** whole number */
		INT,
		/** checkbox: present in the options = on */
		FLAG,
		/** one of {@link #choices} */
		CHOICE,
		/** an open image by title; {@link Images#NONE} allowed when optional */
		IMAGE
	}

	public final String key;
	public final Kind kind;
	/** Default as the macro would write it ("true"/"false" for flags; "none" or "" for images). */
	public final String def;
	public final String[] choices;
	/** One line shown under the field in the dialog, or "". */
	public final String help;
	public final boolean optional;

	private Param(String key, Kind kind, String def, String[] choices, String help, boolean optional) {
		if (!key.matches("[a-z][a-z0-9_]*")) throw new IllegalArgumentException("parameter keys are snake_case: " + key);
		this.key = key;
		this.kind = kind;
		this.def = def;
		this.choices = choices;
		this.help = help;
		this.optional = optional;
	}

	public static Param text(String key, String def, String help) {
		return new Param(key, Kind.TEXT, def, null, help, false);
	}

	public static Param integer(String key, int def, String help) {
		return new Param(key, Kind.INT, Integer.toString(def), null, help, false);
	}

	public static Param flag(String key, boolean def, String help) {
		return new Param(key, Kind.FLAG, Boolean.toString(def), null, help, false);
	}

	public static Param choice(String key, String def, String help, String... choices) {
		if (!Arrays.asList(choices).contains(def)) throw new IllegalArgumentException(key + ": default " + def + " is not a choice");
		return new Param(key, Kind.CHOICE, def, choices, help, false);
	}

	/** An open image; {@code optional} ones default to "none". */
	public static Param image(String key, boolean optional, String help) {
		return new Param(key, Kind.IMAGE, optional ? Images.NONE : "", null, help, optional);
	}

	/** Checks a value given for this parameter; returns it normalised. */
	String check(String value) {
		switch (kind) {
			case INT:
				try {
					return Integer.toString(Integer.parseInt(value.trim()));
				} catch (NumberFormatException e) {
					throw new IllegalArgumentException(key + " must be a whole number, got '" + value + "'");
				}
			case CHOICE:
				for (String c : choices)
					if (c.equalsIgnoreCase(value.trim())) return c;
				throw new IllegalArgumentException(key + " must be one of " + String.join(", ", choices) + ", got '" + value + "'");
			case FLAG:
				return Boolean.toString(!value.equalsIgnoreCase("false"));
			default:
				return value;
		}
	}
}
