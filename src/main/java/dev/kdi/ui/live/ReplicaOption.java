package dev.kdi.ui.live;

import dev.kdi.session.ReplicaChoice;
import dev.kdi.session.ReplicaStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a replica picker: every replica, or one of them.
 *
 * @param label what the picker shows
 * @param choice what it means to the session
 */
public record ReplicaOption(String label, ReplicaChoice choice) {

    public static final ReplicaOption ALL = new ReplicaOption("all replicas", ReplicaChoice.all());

    /** "all replicas" first, then each replica by pod name. */
    public static List<ReplicaOption> of(List<ReplicaStatus> replicas) {
        List<ReplicaOption> out = new ArrayList<>(replicas.size() + 1);
        out.add(ALL);
        for (ReplicaStatus r : replicas) {
            out.add(new ReplicaOption(r.pod(), ReplicaChoice.one(r.id())));
        }
        return out;
    }

    @Override
    public String toString() {
        return label;
    }
}
