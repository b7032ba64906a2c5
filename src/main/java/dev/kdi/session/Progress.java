package dev.kdi.session;

/** Progress of a long operation, for a progress bar; called on the worker thread. */
@FunctionalInterface
public interface Progress {
    /**
     * @param message what is happening ("Loading pods: 12,000")
     * @param fraction 0..1, or a negative number when unknown
     */
    void update(String message, double fraction);

    Progress NONE = (m, f) -> {
    };
}
