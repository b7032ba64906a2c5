package dev.kdi.cli;

import dev.kdi.session.Kubeconfig;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code kdi contexts}: the kubeconfig's contexts, the current one marked, broken ones explained. */
@Command(name = "contexts", mixinStandardHelpOptions = true,
        description = {"Lists the kubeconfig's contexts, one per line, the current one marked '*' as kubectl does.",
            "A context that cannot be used (a missing cluster or file, expired credentials, an exec plugin that "
                    + "cannot be found) is listed with the reason."})
final class ContextsCommand implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand
    KdiCommand root;

    private final Terminal terminal;

    ContextsCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws UserError {
        Kubeconfig k = terminal.sessions().kubeconfig(Optional.ofNullable(root.global.kubeconfig));
        if (k.isEmpty()) {
            throw new UserError("kdi: no kubeconfig found (looked at $KUBECONFIG and ~/.kube/config); point kdi at one "
                    + "with --kubeconfig FILE, or try the demo cluster with --demo");
        }
        List<Kubeconfig.Context> contexts = k.contexts();
        int nameWidth = Math.max(4, contexts.stream().mapToInt(c -> c.name().length()).max().orElse(4));
        int clusterWidth = Math.max(7, contexts.stream().mapToInt(c -> c.cluster().length()).max().orElse(7));
        for (Kubeconfig.Context c : contexts) {
            String line = (c.current() ? "* " : "  ") + pad(c.name(), nameWidth) + "  " + pad(c.cluster(), clusterWidth)
                    + "  " + c.namespace();
            if (c.problem().isPresent()) {
                line += "  (unusable: " + c.problem().get() + ")";
            }
            terminal.out().println(line.stripTrailing());
        }
        for (String problem : k.fileProblems()) {
            terminal.err().println("kdi: " + problem);
        }
        return ExitCodes.OK;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
