package io.github.jpegrestore.spec;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One option of a command, described once and free of any user interface: its key (snake_case,
 * stable: the macro key, the dialog label, the SciJava twin's field, and {@code --key-name} on the
 * command line), its kind, default, choices, bounds, unit and one line of help. The front ends
 * build their dialog, macro parser, command-line options and twins from it
 * ({@code options.Catalog} holds every command's list; docs/architecture.md, "Options").
 */
public final class Setting {
	public enum Kind {
		/** free text, e.g. qf=auto */
		TEXT,
		/** whole number, within {@link #min}..{@link #max} when set */
		INT,
		/** on/off: in a macro, on when its key is present */
		FLAG,
		/** one of {@link #choices} */
		CHOICE,
		/** a folder path */
		FOLDER,
		/** an open image (a file on the command line); {@link #NONE} allowed when optional */
		IMAGE
	}

	/** The value of an optional image that is not given. */
	public static final String NONE = "none";

	public final String key;
	public final Kind kind;
	/** As a macro writes it: "true"/"false" for flags, {@link #NONE} or "" for images. */
	public final String def;
	public final List<String> choices;
	/** Bounds of an INT (inclusive), else null. */
	public final Integer min, max;
	/** Unit of an INT ("px"), or "". */
	public final String unit;
	/** The valid values of an INT in words, when more than its bounds say ("0 or 64..8192"), else null. */
	public final String range;
	/** One line for the dialog, the macro documentation and {@code --help}, or "". */
	public final String help;
	/** An image that may be left out. */
	public final boolean optional;
	/** A TEXT naming a model (a name or a card path): a dialog offers the models it finds as a choice. */
	public final boolean model;
	/** For a model setting: models whose kinds (tasks) the choice offers; the default's alone unless set. */
	public final List<String> modelsLike;

	private Setting(String key, Kind kind, String def, List<String> choices, Integer min, Integer max, String unit, String help, boolean optional) {
		this(key, kind, def, choices, min, max, unit, help, optional, null, false, null);
	}

	private Setting(String key, Kind kind, String def, List<String> choices, Integer min, Integer max, String unit, String help, boolean optional, String range, boolean model,
		List<String> modelsLike) {
		if (!key.matches("[a-z][a-z0-9_]*")) throw new IllegalArgumentException("setting keys are snake_case: " + key);
		this.key = key;
		this.kind = kind;
		this.def = def;
		this.choices = choices;
		this.min = min;
		this.max = max;
		this.unit = unit;
		this.help = help;
		this.optional = optional;
		this.range = range;
		this.model = model;
		this.modelsLike = modelsLike != null ? modelsLike : model ? List.of(def) : null;
		if (kind != Kind.IMAGE && !def.isEmpty()) check(def);
	}

	public static Setting text(String key, String def, String help) {
		return new Setting(key, Kind.TEXT, def, null, null, null, "", help, false);
	}

	/** A model by name or card path (TEXT everywhere; a dialog offers the models found as a choice). */
	public static Setting model(String key, String def, String help) {
		return new Setting(key, Kind.TEXT, def, null, null, null, "", help, false, null, true, null);
	}

	/** A model setting whose choice offers the kinds of these models (e.g. luma and color). */
	public Setting offering(String... models) {
		return new Setting(key, kind, def, choices, min, max, unit, help, optional, range, model, List.of(models));
	}

	public static Setting integer(String key, int def, int min, int max, String unit, String help) {
		return new Setting(key, Kind.INT, Integer.toString(def), null, min, max, unit, help, false);
	}

	public static Setting flag(String key, boolean def, String help) {
		return new Setting(key, Kind.FLAG, Boolean.toString(def), null, null, null, "", help, false);
	}

	public static Setting choice(String key, String def, String help, String... choices) {
		if (!Arrays.asList(choices).contains(def)) throw new IllegalArgumentException(key + ": default " + def + " is not a choice");
		return new Setting(key, Kind.CHOICE, def, Collections.unmodifiableList(Arrays.asList(choices.clone())), null, null, "", help, false);
	}

	public static Setting folder(String key, String help) {
		return new Setting(key, Kind.FOLDER, "", null, null, null, "", help, false);
	}

	/** An image; optional ones default to {@link #NONE}. */
	public static Setting image(String key, boolean optional, String help) {
		return new Setting(key, Kind.IMAGE, optional ? NONE : "", null, null, null, "", help, optional);
	}

	/** The same setting with another default (a command's own model, say). */
	public Setting withDefault(String d) {
		return new Setting(key, kind, d, choices, min, max, unit, help, optional, range, model, model && modelsLike != null && !modelsLike.equals(List.of(def)) ? modelsLike : null);
	}

	/** The same INT with its valid values in words: what the core checks beyond the bounds ({@code RestoreOptions.tile}). */
	public Setting withRange(String words) {
		return new Setting(key, kind, def, choices, min, max, unit, help, optional, words, model, modelsLike);
	}

	/** The default of a FLAG (a twin's field starts with it). */
	public boolean flagDefault() {
		return Boolean.parseBoolean(def);
	}

	/** The default of an INT. */
	public int intDefault() {
		return Integer.parseInt(def);
	}

	/** The command-line name: {@code then_qf} is {@code --then-qf}. */
	public String cliName() {
		return "--" + key.replace('_', '-');
	}

	/** Checks a value given for this setting; returns it normalised (a choice in its own spelling, a trimmed number). */
	public String check(String value) {
		switch (kind) {
			case INT: {
				int v;
				try {
					v = Integer.parseInt(value.trim());
				} catch (NumberFormatException e) {
					throw new IllegalArgumentException(key + " must be a whole number, got '" + value + "'");
				}
				if ((min != null && v < min) || (max != null && v > max))
					throw new IllegalArgumentException(key + " must be " + (range != null ? range : min + ".." + max) + (unit.isEmpty() ? "" : " " + unit) + ", got " + v);
				return Integer.toString(v);
			}
			case CHOICE:
				for (String c : choices)
					if (c.equalsIgnoreCase(value.trim())) return c;
				throw new IllegalArgumentException(key + " must be one of " + String.join(", ", choices) + ", got '" + value + "'");
			case FLAG:
				return Boolean.toString(!value.trim().toLowerCase(Locale.ROOT).equals("false"));
			default:
				return value;
		}
	}
}
