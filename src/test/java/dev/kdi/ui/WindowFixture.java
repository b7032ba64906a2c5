package dev.kdi.ui;

import dev.kdi.ui.window.SessionOpener;
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
     * Makes one DNS replica's port-forward fail.
     *
     * @return the pod name of that replica
     */
    String failReplica(String reason) throws Exception;

    @Override
    void close();
}
