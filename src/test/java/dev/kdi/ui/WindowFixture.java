package dev.kdi.ui;

import dev.kdi.session.SessionOpener;
import dev.kdi.ui.window.WindowModel;

/**
 * What the window tests need of the cluster behind the window: the seed example in namespace
 * {@code default}, the broken {@code shop}, and ways to change it while the window is open. The
 * fake session implements it now; the embedded demo cluster can implement it too, and then the
 * same tests run against the real code paths.
 */
public interface WindowFixture extends AutoCloseable {

    /** Where the window gets its sessions. */
    SessionOpener opener();

    /** How the window is started (the demo, or a context). */
    WindowModel.Start start();

    /** Adds a ready pod labelled {@code app=sample-app} to {@code default}, as a live change. */
    void addSeedPod(String name, String ip) throws Exception;

    /**
     * Makes one DNS replica's port-forward fail for good.
     *
     * @return that replica and what its reason must say
     */
    FailedReplica failReplica() throws Exception;

    /** A replica made to fail, and a fragment of the reason the status bar must show for it. */
    record FailedReplica(String pod, String reason) {
    }

    /** How many pods the cluster holds before {@link #addSeedPod}. */
    int pods();

    /** How a reproduction command starts for this cluster, e.g. {@code kubectl --context kind-kdi-test run dig-}. */
    String kubectlPrefix();

    /** The overview's count of the cluster's problems, e.g. {@code 1 error, 0 warnings}. */
    String problemCount();

    @Override
    void close();
}
