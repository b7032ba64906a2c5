package dev.kdi.cluster;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One kubeconfig context as {@code kdi contexts} and the context picker show it.
 *
 * @param name the context's name
 * @param cluster the cluster it names
 * @param user the user (auth info) it names
 * @param namespace its namespace, or {@code default}
 * @param server the cluster's API server URL, or empty when unknown
 * @param current whether it is the current context
 * @param file the kubeconfig file that defines it
 * @param problem why it cannot be used as it is, or empty
 */
public record ContextInfo(String name, String cluster, String user, String namespace, String server, boolean current,
                          Path file, Optional<String> problem) {

    public boolean usable() {
        return problem.isEmpty();
    }
}
