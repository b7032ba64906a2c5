package dev.kdi.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where the cluster's objects come from when they come from files. */
final class InputOptions {
    @Option(names = {"-f", "--filename"}, paramLabel = "PATH",
            description = "A manifest file, a directory of them (recursive), or - for standard input. Repeatable.")
    List<String> files = new ArrayList<>();

    @Option(names = "--corefile", paramLabel = "FILE",
            description = "The Corefile to assume; beats ConfigMap kube-system/coredns in the input, which beats "
                    + "kubeadm's default.")
    Path corefile;

    boolean offline() {
        return !files.isEmpty();
    }
}
