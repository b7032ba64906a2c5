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

    @Option(names = "--corefile-dir", paramLabel = "DIR",
            description = "A local folder standing for the Corefile's directory in the DNS pods (/etc/coredns): "
                    + "imports and hosts files are read from it when the pods' mounts are not in the input.")
    Path corefileDir;

    @Option(names = "--coredns-version", paramLabel = "VERSION",
            description = "Follow this CoreDNS release's plugin order (e.g. 1.11.3) instead of the DNS pods' image tag "
                    + "(the newest release kdi knows when the tag is unknown).")
    String corednsVersion;

    boolean offline() {
        return !files.isEmpty();
    }
}
