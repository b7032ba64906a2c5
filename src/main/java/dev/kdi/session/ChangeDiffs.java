package dev.kdi.session;

import dev.kdi.manifests.CorefileSource;
import dev.kdi.manifests.Interner;
import dev.kdi.manifests.ManifestException;
import dev.kdi.manifests.ManifestReader;
import dev.kdi.manifests.ManifestSet;
import dev.kdi.manifests.ObjectConverter;
import dev.kdi.records.corefile.Corefile;
import dev.kdi.records.diff.ChangeReport;
import dev.kdi.records.objects.ObjectRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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

    /**
     * The live cluster of a started session, before and after applying new manifests as
     * {@code kubectl apply} would: objects that name no namespace take the context's (or the one
     * {@code -n}); the Corefile after is the new set's ConfigMap or {@code --corefile}, else the
     * one in force.
     *
     * @param deletes the objects named with {@code --delete}
     * @throws SessionException when the manifests cannot be read whole, or an object to delete
     *     is not in the cluster
     */
    public static ChangeReport live(Session session, Side after, List<ObjectRef> deletes, LiveOptions options,
                                    Supplier<InputStream> stdin) throws SessionException {
        Inspection now = session.current();
        Read read = read("new", after, options, stdin, session.info().namespace(), now.model().corefile());
        try {
            return ChangeReport.live(now.snapshot(), now.model().corefile(), read.set().snapshot(), deletes,
                    read.corefile(), read.set().nameTexts());
        } catch (IllegalArgumentException e) {
            throw new SessionException(e.getMessage(), e);
        }
    }

    /**
     * The window's "Open manifests as a change…": {@link #live} with kubectl's defaults (no
     * Corefile flag), on whatever session is open (the demo too).
     *
     * @param paths files or directories of manifests (directories read recursively, as {@code -f})
     * @param deletes the objects the change deletes, as {@code --delete} names them
     * @param progress told as the manifests are read and the zone compared
     * @throws SessionException when the manifests cannot be read whole: the message names the
     *     file, document and field
     */
    public static ChangeReport overlay(Session session, List<Path> paths, List<ObjectRef> deletes, Progress progress)
            throws SessionException {
        progress.update("Reading " + paths.size() + (paths.size() == 1 ? " path" : " paths"), -1);
        Side side = new Side(paths.stream().map(Path::toString).toList(), Optional.empty());
        Supplier<InputStream> noStdin = () -> InputStream.nullInputStream();
        ChangeReport report = live(session, side, deletes, LiveOptions.defaults(), noStdin);
        progress.update("Compared", 1);
        return report;
    }

    private record Read(ManifestSet set, Corefile corefile) {
    }

    private static Read read(String which, Side side, LiveOptions options, Supplier<InputStream> stdin)
            throws SessionException {
        return read(which, side, options, stdin, null, null);
    }

    /**
     * @param contextNamespace the live context's namespace, or null offline
     * @param inForce the Corefile the live cluster runs, or null offline (then kubeadm's default
     *     stands in when the set has none)
     */
    private static Read read(String which, Side side, LiveOptions options, Supplier<InputStream> stdin,
                             String contextNamespace, Corefile inForce) throws SessionException {
        try {
            ManifestSet set = new ManifestReader(stdin, new ObjectConverter(new Interner()))
                    .read(side.paths(), options.namespaces(), contextNamespace);
            if (!set.skipped().isEmpty()) {
                throw new SessionException(String.join("\n", set.skipped()) + "\nkdi diff: the " + which
                        + " set is incomplete (" + set.skipped().size() + (set.skipped().size() == 1 ? " file" : " files")
                        + " left out): a file left out would look like names removed, so nothing is compared");
            }
            Corefile corefile = inForce != null && side.corefile().isEmpty() && set.snapshot().corefile() == null
                    ? inForce
                    : CorefileSource.choose(side.corefile(), set.snapshot(), options.corefileDir(), options.corednsVersion());
            if (options.clusterDomain().isPresent()) {
                corefile = corefile.withClusterDomain(options.clusterDomain().get());
            }
            return new Read(set, corefile);
        } catch (ManifestException e) {
            throw new SessionException(e.getMessage(), e);
        }
    }

    /**
     * A stamp of each manifest file under {@code paths} (directories walked as {@code kdi diff -f}
     * reads them): its modification time and size, or "gone". Two stamps differ when a file the
     * change was read from has changed on disk since.
     */
    public static Map<String, String> fingerprint(List<Path> paths) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (var walk = Files.walk(p)) {
                    for (Path f : (Iterable<Path>) walk::iterator) {
                        if (Files.isRegularFile(f) && ManifestReader.readsFile(f)) {
                            out.put(f.toString(), stamp(f));
                        }
                    }
                }
            } else {
                out.put(p.toString(), Files.exists(p) ? stamp(p) : "gone");
            }
        }
        return out;
    }

    private static String stamp(Path f) throws IOException {
        return Files.getLastModifiedTime(f).toMillis() + ":" + Files.size(f);
    }
}
