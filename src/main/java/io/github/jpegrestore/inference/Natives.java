package io.github.jpegrestore.inference;

import java.util.Locale;
import java.util.Map;

/**
 * The platforms the suite ships PyTorch natives for (DJL's pytorch-native-cpu jars, one per
 * platform on the update site), and the one-line refusal elsewhere: DJL itself would only say that
 * it cannot download a library while offline.
 */
public final class Natives {
	private Natives() {}

	/** DJL's native classifier -> Fiji's platform folder, for the platforms that have natives. */
	public static final Map<String, String> SHIPPED = Map.of("linux-x86_64", "linux64", "win-x86_64", "win64", "osx-aarch64", "macos-arm64");

	/** Fiji's platform folders of classifiers without shipped natives (for the message and the site layout). */
	static final Map<String, String> OTHER = Map.of("osx-x86_64", "macos64", "linux-aarch64", "linux-arm64", "win-aarch64", "win-arm64");

	/** DJL's classifier of this JVM's platform: "linux-x86_64", "osx-aarch64", ... */
	public static String classifier(String osName, String osArch) {
		String os = osName.toLowerCase(Locale.ROOT), arch = osArch.toLowerCase(Locale.ROOT);
		String o = os.startsWith("mac") || os.startsWith("darwin") ? "osx" : os.startsWith("win") ? "win" : os.startsWith("linux") ? "linux" : os.replaceAll("[^a-z0-9]", "");
		String a = arch.equals("amd64") || arch.equals("x86_64") || arch.equals("x64") ? "x86_64" : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : arch;
		return o + "-" + a;
	}

	/** Fiji's folder name for a classifier, whether or not natives ship for it. */
	public static String fijiPlatform(String classifier) {
		String p = SHIPPED.get(classifier);
		if (p == null) p = OTHER.get(classifier);
		if (p == null) throw new IllegalArgumentException("no Fiji platform known for native classifier '" + classifier + "'");
		return p;
	}

	/**
	 * Null where the suite's natives run (or the user points DJL at a libtorch of their own with
	 * PYTORCH_LIBRARY_PATH), else one line saying which platforms have them.
	 */
	public static String problem(String osName, String osArch, String userLibrary) {
		String c = classifier(osName, osArch);
		if (SHIPPED.containsKey(c) || (userLibrary != null && !userLibrary.isEmpty())) return null;
		return "JPEG Restore has no PyTorch library for " + osName + " on " + osArch + " (" + c + "): its natives ship for Linux x86-64, "
			+ "Windows x86-64 and macOS on Apple silicon; elsewhere install libtorch 2.7.1 for this computer and start Fiji with "
			+ "PYTORCH_LIBRARY_PATH=<its lib folder> PYTORCH_VERSION=2.7.1";
	}

	/** Refuses on this JVM's platform when it has no natives (before the engine starts). */
	static void check() {
		String p = problem(System.getProperty("os.name"), System.getProperty("os.arch"), System.getenv("PYTORCH_LIBRARY_PATH"));
		if (p != null) throw new io.github.jpegrestore.JpegRestoreException(p);
	}
}
