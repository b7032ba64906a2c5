package dev.kdi.session;

import dev.kdi.manifests.CorefileSource;
import dev.kdi.manifests.Interner;
import dev.kdi.manifests.ManifestException;
import dev.kdi.manifests.ManifestReader;
import dev.kdi.manifests.ManifestSet;
import dev.kdi.manifests.ObjectConverter;
import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.diff.ChangeReport;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code kdi diff} between two complete manifest sets (a pull request's base and head): each read
 * strictly, each with its own Corefile by the usual precedence.
 */
public final class ChangeDiffs {
    private ChangeDiffs() {
    }

    /**
     * One side: its manifests and the Corefile flag that overrides theirs.
     *
     * @param paths files, directories, or {@code -} for standard input
     * @param corefile the {@code --corefile} of this side, if given
     */
    public record Side(List<String> paths, Optional<Path> corefile) {
        public Side {
            paths = List.copyOf(paths);
        }
    }

    /**
     * @param options the namespaces of {@code -n}, the cluster domain, the Corefile directory and
     *     CoreDNS release, for both sides (its Corefile is ignored: each side has its own)
     * @throws SessionException when a side cannot be read, or any file of it had to be left out: a
     *     file skipped would look like names removed
     */
    public static ChangeReport offline(Side before, Side after, LiveOptions options, Supplier<InputStream> stdin)
            throws SessionException {
        Read old = read("before", before, options, stdin);
        Read now = read("after", after, options, stdin);
        return ChangeReport.offline(old.set().snapshot(), old.corefile(), now.set().snapshot(), now.corefile(),
                now.set().nameTexts());
    }

    private record Read(ManifestSet set, Corefile corefile) {
    }

    private static Read read(String which, Side side, LiveOptions options, Supplier<InputStream> stdin)
            throws SessionException {
        try {
            ManifestSet set = new ManifestReader(stdin, new ObjectConverter(new Interner()))
                    .read(side.paths(), options.namespaces());
            if (!set.skipped().isEmpty()) {
                throw new SessionException(String.join("\n", set.skipped()) + "\nkdi diff: the " + which
                        + " set is incomplete (" + set.skipped().size() + (set.skipped().size() == 1 ? " file" : " files")
                        + " left out): a file left out would look like names removed, so nothing is compared");
            }
            Corefile corefile = CorefileSource.choose(side.corefile(), set.snapshot(), options.corefileDir(),
                    options.corednsVersion());
            if (options.clusterDomain().isPresent()) {
                corefile = corefile.withClusterDomain(options.clusterDomain().get());
            }
            return new Read(set, corefile);
        } catch (ManifestException e) {
            throw new SessionException(e.getMessage(), e);
        }
    }
}
