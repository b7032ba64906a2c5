package dev.kdi.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where the cluster's objects come from when they come from files. */
final class InputOptions {
    @Option(names = {"-f", "--filename"}, paramLabel = "PATH",
            description = "A manifest file, a directory of them (recursive), or - for standard input. Repeatable. "
                    + "A file with a problem is left out with one line on standard error and the rest is used; "
                    + "the exit status is then 2 (see --keep-going).")
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

    @Option(names = "--keep-going",
            description = "With -f: when a file is left out because of a problem, exit as if it had not been given "
                    + "(0, or 1 on findings) instead of 2. The file is still named on standard error.")
    boolean keepGoing;

    /** What -n means with -f, as kubectl apply -n NS -f takes it; each command adds its live meaning. */
    static final String NAMESPACE_WITH_FILES = "With -f, as kubectl apply -n: objects that name no namespace take "
            + "this one (give one -n for them), and an object naming a namespace not given is bad input (exit 2).";

    /** How many files were left out, once the session has read them. */
    private int skipped;

    boolean offline() {
        return !files.isEmpty();
    }

    /** Counts the files left out; said on standard error by the one who read them. */
    void skipped(int count) {
        skipped = count;
    }

    /** The command's exit status, or 2 when a file was left out and --keep-going was not given. */
    int exit(int status) {
        return skipped > 0 && !keepGoing ? ExitCodes.INPUT : status;
    }
}
