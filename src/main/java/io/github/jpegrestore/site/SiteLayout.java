package io.github.jpegrestore.site;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.jpegrestore.JpegRestoreException;

/**
 * What the suite's update site holds and where each file goes in a Fiji folder: the plugin jar
 * under {@code plugins/}, the dependency jars Fiji does not ship under {@code jars/}, DJL's
 * PyTorch natives under {@code jars/<platform>/} (Fiji's launcher puts that folder on the class
 * path of that platform only), and the models under {@code models/jpeg-restore/}, where the model
 * store finds them (above the plugin jar), so a retrained model ships without the code.
 */
public final class SiteLayout {
	private SiteLayout() {}

	/** Where the models go in a Fiji folder: a folder of their own (other plugins keep models too), one the model store searches. */
	public static final String MODELS = "models/jpeg-restore/";

	/**
	 * The dependency policy (docs/architecture.md, "Dependencies"), decided from a real Fiji's files
	 * ({@code SiteLayoutFijiTest} checks it against them). The ImageJ updater knows a jar by its path
	 * without the version, so a site jar named like one of Fiji's replaces Fiji's, whatever it holds.
	 * <ul>
	 * <li>{@link #PROVIDED}: artifacts Fiji ships. They stay off the site and the suite runs on Fiji's
	 * version (for some an older one than the build's: commons-compress 1.27.1, commons-io 2.17.0,
	 * commons-codec 1.17.1, slf4j-api 1.7.36, scijava-common 2.99.0; the Fiji install test runs every
	 * command on them).</li>
	 * <li>{@link #CLI_ONLY}: the command line's SLF4J binding; Fiji binds SLF4J to its own logback.</li>
	 * <li>{@link #RENAMED}: a jar whose version-less name Fiji gives to an unrelated artifact goes on the
	 * site under a name of its own (DJL's {@code api} is Fiji's {@code api-0.14.0}, a client library).</li>
	 * <li>Everything else goes on the site: what Fiji lacks (DJL and its PyTorch engine, JNI and natives).
	 * Libraries Fiji ships in an older, incompatible version are not used at run time at all (BoofCV needed
	 * ejml 0.43 where Fiji has 0.41, and JTransforms 3 where Fiji has 2.4: the suite has its own Canny and FFT).</li>
	 * </ul>
	 */
	static final Set<String> PROVIDED = Set.of("ij", "scijava-common", "parsington", "gson", "slf4j-api", "jna",
		"commons-io", "commons-codec", "commons-compress", "picocli");
	static final Set<String> CLI_ONLY = Set.of("slf4j-nop");
	static final java.util.Map<String, String> RENAMED = java.util.Map.of("api", "djl-api");

	/** The name a dependency jar has on the site ("api-0.35.1.jar" -> "djl-api-0.35.1.jar"), or null if it stays off. */
	static String siteName(String jarName) {
		String artifact = artifactOf(jarName);
		if (PROVIDED.contains(artifact) || CLI_ONLY.contains(artifact)) return null;
		String renamed = RENAMED.get(artifact);
		return renamed == null ? jarName : renamed + jarName.substring(artifact.length());
	}

	/** Maven classifier of a pytorch-native jar -> Fiji's platform folder. */
	public static String platformOf(String classifier) {
		return io.github.jpegrestore.inference.Natives.fijiPlatform(classifier);
	}

	/** "pytorch-native-cpu-2.7.1-linux-x86_64.jar" -> "linux-x86_64", else null. */
	static String nativeClassifier(String jarName) {
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("^pytorch-native-[a-z0-9]+-[0-9.]+-(.+)\\.jar$").matcher(jarName);
		return m.matches() ? m.group(1) : null;
	}

	/** "JTransforms-3.1.jar" -> "JTransforms"; "pytorch-jni-2.7.1-0.35.1.jar" -> "pytorch-jni". */
	static String artifactOf(String jarName) {
		return jarName.replaceFirst("(-[0-9][0-9A-Za-z.\\-]*)?\\.jar$", "");
	}

	/**
	 * The entries of the site: {@code pluginJar}, the jars of {@code lib} (natives to their
	 * platform folder), the jars of {@code natives} (more platforms; may be null), and every card
	 * and weights file of {@code models}. The plugin jar depends on every other jar but the natives:
	 * the updater installs a dependency on every platform, so a native jar is only a file of its own
	 * platform (record {@code <platform>}), which the updater installs where that platform is active.
	 */
	public static List<UpdateSite.Entry> entries(Path pluginJar, Path lib, Path natives, Path models) {
		List<UpdateSite.Entry> out = new ArrayList<>();
		UpdateSite.Entry plugin = new UpdateSite.Entry("plugins/" + pluginJar.getFileName(), pluginJar, null,
			"JPEG Restore: restores JPEG-compressed images with trained networks (luma, color, blind), and measures the result (PSNR, SSIM, PSNR-B, DCT views, QF estimation).");
		out.add(plugin);
		List<Path> jars = new ArrayList<>(list(lib, ".jar"));
		if (natives != null) jars.addAll(list(natives, ".jar"));
		for (Path j : jars) {
			String name = j.getFileName().toString();
			String cls = nativeClassifier(name);
			String path;
			String platform = null;
			if (cls != null) {
				platform = platformOf(cls);
				path = "jars/" + platform + "/" + name;
			} else {
				String site = siteName(name);
				if (site == null) continue;
				path = "jars/" + site;
			}
			if (out.stream().anyMatch(e -> e.path.equals(path))) continue;
			out.add(new UpdateSite.Entry(path, j, platform, null));
			if (platform == null) plugin.dependencies.add(path);
		}
		for (Path m : list(models, ""))
			if (m.getFileName().toString().endsWith(".pt") || m.getFileName().toString().endsWith(".json"))
				out.add(new UpdateSite.Entry(MODELS + m.getFileName(), m, null, null));
		return out;
	}

	static List<Path> list(Path dir, String suffix) {
		if (!Files.isDirectory(dir)) throw new JpegRestoreException(dir + ": no such folder");
		try (Stream<Path> s = Files.list(dir)) {
			return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(suffix))
				.sorted().collect(Collectors.toList());
		} catch (IOException e) {
			throw new JpegRestoreException(dir + ": cannot list: " + e.getMessage());
		}
	}
}
