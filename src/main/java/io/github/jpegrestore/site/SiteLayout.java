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
	 * Artifacts of the build's dependency folder that Fiji itself provides (core ImageJ, SciJava,
	 * and the libraries its own update site ships), left off so two versions never meet on one
	 * class path. slf4j-nop is left off too: Fiji has its own logging binding. Not yet checked
	 * against a real Fiji installation's jars/ (none could be downloaded here).
	 */
	static final Set<String> PROVIDED = Set.of("ij", "scijava-common", "parsington", "gson", "slf4j-api", "slf4j-nop", "jna",
		"commons-io", "commons-codec", "commons-compress", "commons-math3", "trove4j", "JTransforms", "JLargeArrays");

	/** Maven classifier of a pytorch-native jar -> Fiji's platform folder. */
	public static String platformOf(String classifier) {
		switch (classifier) {
			case "linux-x86_64": return "linux64";
			case "win-x86_64": return "win64";
			case "osx-aarch64": return "macos-arm64";
			case "osx-x86_64": return "macosx";
			case "linux-aarch64": return "linux-arm64";
			default: throw new IllegalArgumentException("no Fiji platform known for native classifier '" + classifier + "'");
		}
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
	 * and weights file of {@code models}. The plugin jar depends on every other jar.
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
				if (PROVIDED.contains(artifactOf(name))) continue;
				path = "jars/" + name;
			}
			if (out.stream().anyMatch(e -> e.path.equals(path))) continue;
			out.add(new UpdateSite.Entry(path, j, platform, null));
			plugin.dependencies.add(path);
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
