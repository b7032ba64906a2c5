package dev.kdi.manifests;

import dev.kdi.records.diff.NameReference;
import dev.kdi.records.objects.ClusterSnapshot;
import java.util.List;

/**
 * What a set of manifests holds.
 *
 * @param snapshot the cluster the manifests describe, as the API server would hold it
 * @param documents the number of non-empty YAML/JSON documents read
 * @param objects the number of Kubernetes objects read (items of a {@code kind: List} each count),
 *     including those the model does not use
 * @param notes what was skipped or overridden, one sentence each (for stderr or a status line)
 * @param skipped the files left out because of a problem, one line each naming the file, document,
 *     object, field and line: the set is then partial, and the command line exits 2 unless told to
 *     keep going
 * @param nameTexts texts of the objects that may name cluster names (container env, args and
 *     commands, ConfigMap values), for {@code kdi diff}'s breaking heuristic
 */
public record ManifestSet(ClusterSnapshot snapshot, int documents, int objects, List<String> notes,
                          List<String> skipped, List<NameReference> nameTexts) {

    public ManifestSet {
        notes = List.copyOf(notes);
        skipped = List.copyOf(skipped);
        nameTexts = List.copyOf(nameTexts);
    }

    /** A set whose texts were not collected. */
    public ManifestSet(ClusterSnapshot snapshot, int documents, int objects, List<String> notes, List<String> skipped) {
        this(snapshot, documents, objects, notes, skipped, List.of());
    }

    /** A set read without problems. */
    public ManifestSet(ClusterSnapshot snapshot, int documents, int objects, List<String> notes) {
        this(snapshot, documents, objects, notes, List.of());
    }
}
