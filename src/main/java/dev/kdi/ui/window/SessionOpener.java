package dev.kdi.ui.window;

import dev.kdi.session.Session;
import dev.kdi.session.SessionException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Makes sessions for the window: the demo, a kubeconfig context, or manifests. Making one is
 * quick; {@link Session#start} does the loading, off the UI thread.
 */
public interface SessionOpener {

    Session demo() throws SessionException;

    Session live(Optional<Path> kubeconfig, Optional<String> context) throws SessionException;

    Session manifests(List<Path> files, Optional<Path> corefile) throws SessionException;

    /** The contexts of the kubeconfig, for the picker; never throws. */
    Contexts contexts(Optional<Path> kubeconfig);

    /**
     * What the kubeconfig offers.
     *
     * @param file the kubeconfig found, or empty when there is none
     * @param names every context
     * @param current the file's current context
     * @param problem why the file could not be read, or empty
     */
    record Contexts(Optional<Path> file, List<String> names, Optional<String> current, Optional<String> problem) {
        public Contexts {
            names = List.copyOf(names);
        }

        public static Contexts none() {
            return new Contexts(Optional.empty(), List.of(), Optional.empty(), Optional.empty());
        }
    }
}
