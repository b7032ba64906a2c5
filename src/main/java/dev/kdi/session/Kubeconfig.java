package dev.kdi.session;

import dev.kdi.cluster.ContextInfo;
import dev.kdi.cluster.Kubeconfigs;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The kubeconfig as kubectl would read it, as {@code kdi contexts} and the window's context picker
 * show it.
 *
 * @param files the files read, in {@code $KUBECONFIG} order
 * @param contexts every context, in name order
 * @param current the current context, when the files name one
 * @param fileProblems files that could not be read, each with the reason
 */
public record Kubeconfig(List<Path> files, List<Context> contexts, Optional<String> current,
                         List<String> fileProblems) {

    public Kubeconfig {
        files = List.copyOf(files);
        contexts = List.copyOf(contexts);
        fileProblems = List.copyOf(fileProblems);
    }

    /**
     * One context.
     *
     * @param namespace its namespace, or {@code default}
     * @param server the cluster's API server URL, or empty when unknown
     * @param file the kubeconfig file that defines it
     * @param problem why it cannot be used as it is (a missing cluster or file, an exec plugin not
     *     found), or empty
     */
    public record Context(String name, String cluster, String user, String namespace, String server, boolean current,
                          Path file, Optional<String> problem) {
    }

    /** No kubeconfig at all (a first start, or a machine without clusters). */
    public static Kubeconfig none() {
        return new Kubeconfig(List.of(), List.of(), Optional.empty(), List.of());
    }

    static Kubeconfig of(Kubeconfigs k) {
        return new Kubeconfig(k.files(), k.contexts().stream().map(Kubeconfig::context).toList(), k.currentContext(),
                k.fileProblems());
    }

    private static Context context(ContextInfo c) {
        return new Context(c.name(), c.cluster(), c.user(), c.namespace(), c.server(), c.current(), c.file(),
                c.problem());
    }

    /** Whether no kubeconfig was found at all. */
    public boolean isEmpty() {
        return files.isEmpty() && fileProblems.isEmpty();
    }

    /** The contexts' names, in order. */
    public List<String> names() {
        return contexts.stream().map(Context::name).toList();
    }
}
