package io.github.jpegrestore.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.Callable;

import io.github.jpegrestore.site.SiteLayout;
import io.github.jpegrestore.site.UpdateSite;
import io.github.jpegrestore.site.UpdaterChecksum;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "update-site", mixinStandardHelpOptions = true,
	description = "Write (or update) an ImageJ update site in DIR: db.xml.gz and every file as PATH-TIMESTAMP. "
		+ "With --checksum, print the ImageJ updater's checksum of each FILE instead ('CHECKSUM  FILE').")
final class UpdateSiteCommand implements Callable<Integer> {
	@Spec CommandSpec spec;
	@Option(names = "--checksum", description = "print the updater's checksum of each file given (a jar's is not its SHA-1)") boolean checksum;
	@Option(names = "--as", description = "with --checksum: the path the file has in the ImageJ folder (default: jars/NAME for a jar, models/jpeg-restore/NAME otherwise); it enters a non-jar's checksum") String as;
	@Option(names = "--jar", description = "the plugin jar (default: the running JPEG_Restore.jar)") Path jar;
	@Option(names = "--lib", description = "dependency jars (default: lib/ beside the plugin jar)") Path lib;
	@Option(names = "--natives", description = "more platforms' pytorch-native jars (default: natives/ beside the plugin jar, when present)") Path natives;
	@Option(names = "--models", description = "models folder (default: models/ of the checkout)") Path models;
	@Parameters(description = "DIR (or FILE... with --checksum)", arity = "1..*") List<Path> args;

	@Override
	public Integer call() {
		PrintWriter out = spec.commandLine().getOut();
		if (checksum) {
			for (Path f : args) {
				if (!Files.isRegularFile(f)) throw new IllegalArgumentException(f + ": no such file");
				String name = f.getFileName().toString();
				String path = as != null ? as : (name.endsWith(".jar") ? "jars/" : io.github.jpegrestore.site.SiteLayout.MODELS) + name;
				out.println(UpdaterChecksum.of(path, f) + "  " + f);
			}
			out.flush();
			return Exit.OK;
		}
		if (args.size() != 1) throw new IllegalArgumentException("update-site takes one folder (or --checksum FILE...)");
		if (Files.exists(args.get(0)) && !Files.isDirectory(args.get(0)))
			throw new IllegalArgumentException(args.get(0) + ": is a file; the update site is written into a folder");
		Path self = jar != null ? jar : io.github.jpegrestore.inference.ModelStore.jarLocation();
		if (self == null || !self.getFileName().toString().endsWith(".jar"))
			throw new IllegalArgumentException("cannot tell where the plugin jar is; give --jar (build it with mvn package)");
		Path libDir = lib != null ? lib : self.resolveSibling("lib");
		Path nat = natives != null ? natives : (Files.isDirectory(self.resolveSibling("natives")) ? self.resolveSibling("natives") : null);
		Path mod = models != null ? models : self.toAbsolutePath().getParent().resolveSibling("models");
		List<UpdateSite.Entry> entries = SiteLayout.entries(self, libDir, nat, mod);
		UpdateSite.Report r = UpdateSite.write(args.get(0), entries, UpdateSite.timestamp(ZonedDateTime.now()));
		out.println(args.get(0) + ": " + entries.size() + " file(s) on the site; " + r);
		out.flush();
		return Exit.OK;
	}
}
