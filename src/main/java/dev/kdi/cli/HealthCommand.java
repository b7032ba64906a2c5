package dev.kdi.cli;

import dev.kdi.session.HealthReport;
import dev.kdi.session.HealthReport.Endpoint;
import dev.kdi.session.HealthReport.EndpointState;
import dev.kdi.session.HealthRequest;
import dev.kdi.session.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kdi health}: every DNS replica's own health, readiness and counters, through port-forwards. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = {"Asks every DNS replica (or one) for its /health, /ready and /metrics through port-forwards (no "
                + "local listening socket), on the ports its Corefile gives, reads /metrics twice for rates, reads its "
                + "pod for restarts and the readiness probe, and prints one line per replica, then the findings, each "
                + "with a stable code.",
            "Exit status: 0 when all is well, 1 when there is a finding, 2 when it could not ask."})
final class HealthCommand implements Callable<Integer> {
    @Option(names = "--replica", paramLabel = "POD", description = "Ask only this DNS pod (name or namespace/name).")
    String replica;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "2",
            description = "Seconds between the two readings of /metrics that give rates; 0 reads once (default 2).")
    double interval;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "Namespaces to read one by one when listing across all namespaces is forbidden.")
    List<String> namespaces = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", description = "text or json.")
    OutputFormat format;

    @picocli.CommandLine.ParentCommand
    KdiCommand root;

    private final Terminal terminal;

    HealthCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws UserError {
        if (interval < 0 || interval > 600 || Double.isNaN(interval)) {
            throw new UserError("kdi health: --interval must be between 0 and 600 seconds, got " + interval);
        }
        HealthReport report;
        try (Session session = CliSessions.openToAsk(terminal.sessions(), root.global, namespaces, terminal)) {
            report = session.health(new HealthRequest(Optional.ofNullable(replica),
                    Duration.ofMillis(Math.round(interval * 1000)))).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause();
            throw new UserError("kdi health: " + (cause == null ? e.getMessage() : cause.getMessage()), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("kdi health: interrupted");
        }
        if (format == OutputFormat.JSON) {
            terminal.out().println(new Json().write(json(report)));
        } else {
            text(report);
        }
        if (report.couldNotAsk()) {
            // Whatever the format, as lookup's and check's errors: why is said here, not in the view's notes.
            terminal.err().println("kdi health: could not ask any DNS replica"
                    + (report.notes().isEmpty() ? "" : ": " + String.join("; ", report.notes())));
            return ExitCodes.INPUT;
        }
        return report.hasWarnings() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private void text(HealthReport report) {
        terminal.out().println("; cluster DNS: " + report.source());
        if (!report.replicas().isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"REPLICA", "NODE", "HEALTH", "READY", "METRICS", "VERSION", "REQ/S", "SERVFAIL",
                "NXDOMAIN", "UPSTREAM", "RESTARTS"});
            for (HealthReport.Replica r : report.replicas()) {
                Optional<HealthReport.Rates> rates = r.rates();
                rows.add(new String[] {r.id(), r.node().isEmpty() ? "-" : r.node(), cell(r.health()), cell(r.ready()),
                    cell(r.metrics()), r.counters().map(c -> c.version().isEmpty() ? "?" : c.version()).orElse("-"),
                    rates.map(x -> String.format(Locale.ROOT, "%.1f", x.requestsPerSecond())).orElse("-"),
                    rates.map(x -> percent(x.servfailShare())).orElse("-"),
                    rates.map(x -> percent(x.nxdomainShare())).orElse("-"),
                    r.counters().map(HealthCommand::upstream).orElse("-"),
                    r.restarts() < 0 ? "?" : r.restarts() + (r.lastTermination().isEmpty() ? ""
                            : " (" + r.lastTermination() + ")")});
            }
            int[] widths = new int[rows.get(0).length];
            for (String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < row.length; i++) {
                    line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
                }
                terminal.out().println(line.toString().stripTrailing());
            }
            for (HealthReport.Replica r : report.replicas()) {
                for (Endpoint e : List.of(r.health(), r.ready(), r.metrics())) {
                    if (e.state() != EndpointState.OK && e.state() != EndpointState.NOT_CONFIGURED) {
                        terminal.out().println("; " + r.id() + " " + e.path() + ": " + e.detail());
                    }
                }
            }
        }
        for (HealthReport.Finding f : report.findings()) {
            terminal.out().println(f.severity().name().toLowerCase(Locale.ROOT) + " " + f.code() + " "
                    + (f.replica().isEmpty() ? "" : f.replica() + ": ") + f.message());
        }
        for (String note : report.notes()) {
            terminal.out().println("; " + note);
        }
        long warnings = report.findings().stream().filter(f -> f.severity() == HealthReport.Severity.WARNING).count();
        terminal.out().println(report.replicas().size() + " replica(s) asked, " + warnings + " warning(s), "
                + (report.findings().size() - warnings) + " note(s)");
    }

    private static String cell(Endpoint e) {
        return switch (e.state()) {
            case OK, FAILING -> String.valueOf(e.status());
            case NOT_SERVED -> "not served";
            case NOT_CONFIGURED -> "off";
            case UNREACHABLE -> "error";
        };
    }

    private static String upstream(HealthReport.Counters c) {
        if (c.upstreams().isEmpty()) {
            return "-";
        }
        double failures = c.upstreams().stream().mapToDouble(HealthReport.Upstream::healthcheckFailures).sum();
        return failures > 0 ? (long) failures + " failed checks" : "ok";
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static Map<String, Object> json(HealthReport report) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", report.source());
        List<Object> replicas = new ArrayList<>();
        for (HealthReport.Replica r : report.replicas()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("replica", r.id());
            m.put("node", r.node());
            // Keyed by role, not path: kube-dns's are /healthcheck/kubedns and /readiness.
            String[] roles = {"health", "ready", "metrics"};
            List<Endpoint> endpoints = List.of(r.health(), r.ready(), r.metrics());
            for (int i = 0; i < roles.length; i++) {
                Endpoint e = endpoints.get(i);
                Map<String, Object> em = new LinkedHashMap<>();
                em.put("path", e.path());
                em.put("port", e.port());
                em.put("state", e.state().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                em.put("status", e.status());
                em.put("detail", e.detail());
                m.put(roles[i], em);
            }
            r.counters().ifPresent(c -> {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("version", c.version());
                cm.put("requests", c.requests());
                cm.put("responsesByRcode", c.responsesByRcode());
                cm.put("responsesByPlugin", c.responsesByPlugin());
                cm.put("cacheHitsByType", c.cacheHitsByType());
                cm.put("cacheMisses", c.cacheMisses());
                cm.put("panics", c.panics());
                cm.put("reloadFailures", c.reloadFailures());
                cm.put("upstreamNaming", c.upstreamNaming());
                List<Object> ups = new ArrayList<>();
                for (HealthReport.Upstream u : c.upstreams()) {
                    Map<String, Object> um = new LinkedHashMap<>();
                    um.put("to", u.to());
                    um.put("requests", u.requests());
                    um.put("servfails", u.servfails());
                    um.put("healthcheckFailures", u.healthcheckFailures());
                    ups.add(um);
                }
                cm.put("upstreams", ups);
                cm.put("series", c.series());
                cm.put("unreadableLines", c.problems());
                m.put("counters", cm);
            });
            r.rates().ifPresent(x -> {
                Map<String, Object> rm = new LinkedHashMap<>();
                rm.put("seconds", x.seconds());
                rm.put("requestsPerSecond", x.requestsPerSecond());
                rm.put("servfailShare", x.servfailShare());
                rm.put("nxdomainShare", x.nxdomainShare());
                rm.put("upstreamHealthcheckFailures", x.upstreamHealthcheckFailures());
                rm.put("counterReset", x.reset());
                m.put("rates", rm);
            });
            m.put("restarts", r.restarts());
            m.put("lastTermination", r.lastTermination());
            replicas.add(m);
        }
        out.put("replicas", replicas);
        List<Object> findings = new ArrayList<>();
        for (HealthReport.Finding f : report.findings()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("code", f.code());
            fm.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
            fm.put("replica", f.replica());
            fm.put("message", f.message());
            findings.add(fm);
        }
        out.put("findings", findings);
        out.put("notes", report.notes());
        out.put("couldNotAsk", report.couldNotAsk());
        return out;
    }
}
