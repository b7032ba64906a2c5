package dev.kdi.manifests;

import dev.kdi.records.corefile.CorefileFiles;
import dev.kdi.records.corefile.CorefileParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code --corefile-dir DIR}: a local folder standing for the directory the DNS pod reads its
 * Corefile from ({@code /etc/coredns}), so {@code import custom/*.server} and
 * {@code hosts /etc/coredns/NodeHosts} can be followed offline. Paths elsewhere stay unresolved.
 */
public final class LocalCorefileDir implements CorefileFiles {
    private static final String POD_DIR = CorefileParser.COREFILE_PATH.substring(0, CorefileParser.COREFILE_PATH.lastIndexOf('/'));

    private final Path dir;

    public LocalCorefileDir(Path dir) {
        this.dir = dir;
    }

    @Override
    public Match match(String pattern) {
        if (!pattern.startsWith(POD_DIR + "/")) {
            return Match.unresolved(pattern + " is outside " + POD_DIR + ", which --corefile-dir " + dir + " stands for");
        }
        String rel = pattern.substring(POD_DIR.length() + 1);
        int slash = rel.lastIndexOf('/');
        Path parent = slash < 0 ? dir : dir.resolve(rel.substring(0, slash));
        List<File> out = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return Match.of(out);
        }
        try (Stream<Path> entries = Files.list(parent)) {
            for (Path p : entries.sorted().toList()) {
                String podPath = POD_DIR + "/" + dir.relativize(p).toString().replace('\\', '/');
                if (Files.isRegularFile(p) && CorefileFiles.globMatches(pattern, podPath)) {
                    out.add(new File(podPath, Files.readString(p, StandardCharsets.UTF_8), p.toString()));
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return Match.unresolved("cannot read " + parent + " (" + e.getMessage() + ")");
        }
        return Match.of(out);
    }
}
