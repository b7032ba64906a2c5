package dev.kdi.testing;

/** A test's teardown of what it started. */
public final class Resources {
    private Resources() {
    }

    /**
     * Closes each resource that is not null, in the order given (list the one started last first):
     * every one is closed even when one fails, and the first failure is thrown at the end with the
     * others suppressed in it, so none is lost and none leaks a server or a thread into the next test.
     */
    public static void closeAll(AutoCloseable... resources) throws Exception {
        Exception failure = null;
        for (AutoCloseable c : resources) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
