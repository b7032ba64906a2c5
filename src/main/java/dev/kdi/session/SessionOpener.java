package dev.kdi.session;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Makes sessions for a face: {@link Sessions#opener} for the real ones, a fake in the window's
 * tests. Making one is quick; {@link Session#start} does the loading.
 */
public interface SessionOpener {

    /**
     * A session for the request, not started.
     *
     * @throws SessionException when the kubeconfig or its context cannot be used
     */
    Session open(SessionRequest request) throws SessionException;

    /** The kubeconfig's contexts, for {@code kdi contexts} and the picker; never throws. */
    Kubeconfig kubeconfig(Optional<Path> file);
}
