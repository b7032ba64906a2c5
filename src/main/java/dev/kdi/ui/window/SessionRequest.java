package dev.kdi.ui.window;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What to open. */
public sealed interface SessionRequest {

    /** A few words for progress and messages: "the demo cluster", "context prod-eu". */
    String describe();

    /** The embedded demo cluster. */
    record Demo() implements SessionRequest {
        public String describe() {
            return "the demo cluster";
        }
    }

    /**
     * A real cluster through a kubeconfig.
     *
     * @param kubeconfig the file, or empty for {@code $KUBECONFIG} then {@code ~/.kube/config}
     * @param context the context, or empty for the file's current context
     */
    record Live(Optional<Path> kubeconfig, Optional<String> context) implements SessionRequest {
        public String describe() {
            return context.map(c -> "context " + c).orElse("the current context");
        }
    }

    /**
     * Manifests read from files.
     *
     * @param files manifest files or directories
     * @param corefile a Corefile to assume, or empty to take the manifests' or kubeadm's
     */
    record Manifests(List<Path> files, Optional<Path> corefile) implements SessionRequest {
        public Manifests {
            files = List.copyOf(files);
        }

        public String describe() {
            return files.size() == 1 ? files.get(0).getFileName().toString() : files.size() + " manifest files";
        }
    }
}
