package io.github.jpegrestore.ij;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The options string of an ImageJ macro call, "qf=auto constrain device=[cpu]": key=value,
 * key=[value with spaces], or a bare key for a checked box. Unknown keys are refused, so a typo in
 * a macro is an error rather than a silently ignored setting.
 */
public final class MacroOptions {
	private final Map<String, String> values = new LinkedHashMap<>();

	public MacroOptions(String options, String... known) {
		String s = options == null ? "" : options.trim();
		int i = 0;
		while (i < s.length()) {
			while (i < s.length() && s.charAt(i) == ' ') i++;
			if (i >= s.length()) break;
			int k = i;
			while (i < s.length() && s.charAt(i) != '=' && s.charAt(i) != ' ') i++;
			String key = s.substring(k, i).toLowerCase(Locale.ROOT);
			String value = "true";
			if (i < s.length() && s.charAt(i) == '=') {
				i++;
				if (i < s.length() && s.charAt(i) == '[') {
					int end = s.indexOf(']', i);
					if (end < 0) throw new IllegalArgumentException("unclosed [ in option " + key);
					value = s.substring(i + 1, end);
					i = end + 1;
				} else {
					int v = i;
					while (i < s.length() && s.charAt(i) != ' ') i++;
					value = s.substring(v, i);
				}
			}
			boolean ok = known.length == 0;
			for (String kn : known)
				ok |= kn.equals(key);
			if (!ok) throw new IllegalArgumentException("unknown option '" + key + "' (known: " + String.join(", ", known) + ")");
			values.put(key, value);
		}
	}

	/** The options given, by key. */
	public Map<String, String> values() {
		return java.util.Collections.unmodifiableMap(values);
	}

	public String get(String key, String def) {
		return values.getOrDefault(key, def);
	}

	public boolean flag(String key) {
		String v = values.get(key);
		return v != null && !v.equalsIgnoreCase("false");
	}

	public int getInt(String key, int def) {
		String v = values.get(key);
		if (v == null) return def;
		try {
			return Integer.parseInt(v.trim());
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException(key + " must be a whole number, got '" + v + "'");
		}
	}
}
