package dev.kdi.session;

import java.util.List;

/**
 * Told about changes; called on session threads, so a window hands the values to its own thread.
 */
public interface SessionListener {
    /** A new inspection replaced the previous one. */
    default void inspectionChanged(Inspection inspection) {
    }

    /** A replica's forward changed state. */
    default void replicasChanged(List<ReplicaStatus> replicas) {
    }
}
