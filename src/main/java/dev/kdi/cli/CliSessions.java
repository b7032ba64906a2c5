package dev.kdi.cli;

import dev.kdi.session.LiveOptions;
import dev.kdi.session.Session;
import dev.kdi.session.SessionException;
import dev.kdi.session.SessionInfo;
import dev.kdi.session.SessionRequest;
import dev.kdi.session.Sessions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Opens and starts the session a command works on: manifests with -f, else the demo or a context. */
final class CliSessions {
    private CliSessions() {
    }

    /**
     * For a command that works from the model alone: everything the view has to say is said.
     *
     * @param input the -f options, or null for commands that always ask a cluster
     * @param namespaces namespaces to fall back to when listing across all is forbidden
     */
    static Session open(Sessions sessions, InputOptions input, GlobalOptions global, List<String> namespaces,
                        Terminal terminal) throws UserError {
        return open(sessions, input, global, namespaces, terminal, false);
    }

    /**
     * For a command that asks the DNS replicas (lookup, check, health, watch): when there is none,
     * why is that command's own error, so the view's notes saying it are left to it.
     */
    static Session openToAsk(Sessions sessions, GlobalOptions global, List<String> namespaces, Terminal terminal)
            throws UserError {
        return open(sessions, null, global, namespaces, terminal, true);
    }

    private static Session open(Sessions sessions, InputOptions input, GlobalOptions global, List<String> namespaces,
                                Terminal terminal, boolean asks) throws UserError {
        LiveOptions options;
        try {
            options = LiveOptions.defaults().withNamespaces(namespaces)
                    .withCorefile(Optional.ofNullable(input == null ? null : input.corefile))
                    .withClusterDomain(Optional.ofNullable(global.clusterDomain))
                    .withCorefileFiles(Optional.ofNullable(input == null ? null : input.corefileDir),
                            Optional.ofNullable(input == null ? null : input.corednsVersion))
                    .withDnsService(Optional.ofNullable(global.dnsService));
        } catch (IllegalArgumentException e) {
            throw new UserError("kdi: " + e.getMessage(), e);
        }
        Session session;
        try {
            SessionRequest request = SessionRequest.choose(input == null ? List.of()
                            : input.files.stream().map(Path::of).toList(), Optional.empty(), global.demo,
                    Optional.ofNullable(global.kubeconfig), Optional.ofNullable(global.context));
            if (request instanceof SessionRequest.Demo) {
                terminal.err().println("kdi: using the embedded demo cluster (an in-process API server, not a real cluster)");
            }
            session = sessions.open(request, options, terminal::in);
        } catch (SessionException e) {
            throw new UserError("kdi: " + e.getMessage(), e);
        }
        try {
            session.start(dev.kdi.session.Progress.NONE);
            if (input != null) {
                // Each file left out is one line before any result, so CI never passes over it.
                List<String> skipped = session.current().skippedFiles();
                skipped.forEach(terminal.err()::println);
                input.skipped(skipped.size());
            }
            // A partial or stale view is said before any result, never left to be mistaken for the whole.
            ViewReport view = ViewReport.of(session);
            (asks ? view.leavingWhyNoneToAsk() : view).print(terminal.err());
            return session;
        } catch (SessionException e) {
            session.close();
            String prefix = session.info().kind() == SessionInfo.Kind.MANIFESTS ? "" : "kdi: ";
            throw new UserError(prefix + e.getMessage(), e);
        } catch (InterruptedException e) {
            session.close();
            Thread.currentThread().interrupt();
            throw new UserError("kdi: interrupted");
        }
    }
}
