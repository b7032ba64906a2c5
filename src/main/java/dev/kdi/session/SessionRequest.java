package dev.kdi.session;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What to open: the embedded demo, a kubeconfig context, or manifests. Both faces make one from
 * the user's options with {@link #choose} and open it with a {@link SessionOpener}.
 */
public sealed interface SessionRequest {

    /** A few words for progress and messages: "the demo cluster", "context prod-eu". */
    String describe();

    /**
     * The session the options ask for: manifests when files are given, else the demo when asked
     * for, else the kubeconfig's context (its current one when none is named).
     *
     * @param manifests manifest files or directories ({@code -} for standard input); empty for a
     *     cluster
     * @param corefile a Corefile to assume for manifests, or empty
     * @throws SessionException when manifests are combined with a cluster option
     */
    static SessionRequest choose(List<Path> manifests, Optional<Path> corefile, boolean demo,
                                 Optional<Path> kubeconfig, Optional<String> context) throws SessionException {
        if (!manifests.isEmpty()) {
            if (demo || context.isPresent() || kubeconfig.isPresent()) {
                throw new SessionException(
                        "-f reads manifests; it cannot be combined with --demo, --context or --kubeconfig");
            }
            return new Manifests(manifests, corefile);
        }
        return demo ? new Demo() : new Live(kubeconfig, context);
    }

    /** The embedded demo cluster. */
    record Demo() implements SessionRequest {
        @Override
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
        @Override
        public String describe() {
            return context.map(c -> "context " + c).orElse("the current context");
        }
    }

    /**
     * Manifests read from files.
     *
     * @param files manifest files or directories ({@code -} for standard input)
     * @param corefile a Corefile to assume, or empty to take the manifests' or kubeadm's
     */
    record Manifests(List<Path> files, Optional<Path> corefile) implements SessionRequest {
        public Manifests {
            files = List.copyOf(files);
        }

        @Override
        public String describe() {
            return files.size() == 1 ? files.get(0).getFileName().toString() : files.size() + " manifest files";
        }
    }
}
