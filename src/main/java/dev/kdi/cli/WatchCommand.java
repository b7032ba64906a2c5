package dev.kdi.cli;

import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import dev.kdi.records.objects.Service;
import dev.kdi.session.Inspection;
import dev.kdi.session.NamedThreads;
import dev.kdi.session.Session;
import dev.kdi.session.watch.GoDuration;
import dev.kdi.session.watch.Watch;
import dev.kdi.session.watch.WatchEvent;
import dev.kdi.session.watch.WatchRecording;
import dev.kdi.session.watch.WatchRequest;
import dev.kdi.session.watch.WatchTimeline;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kdi watch}: what every DNS replica answers over time, with what the API reported meanwhile. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Asks every DNS replica about the names on an interval (through port-forwards, DNS over TCP) "
                + "and prints a line whenever an answer changes or fails, and whenever the API reports a change that "
                + "matters: the DNS pods created, deleted, ready or not, and the endpoints of the names' Services. "
                + "Ends after --duration, or on Ctrl+C, with a summary per name and replica.",
            "At most " + WatchRequest.MAX_RATE + " questions a second go out: a longer interval is used, and said.",
            "Exit status: 0 when every answer was as the model predicted throughout, 1 when any differed or failed, "
                    + "2 when it could not ask."})
final class WatchCommand implements java.util.concurrent.Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Parameters(arity = "0..*", paramLabel = "NAME",
            description = "Names to watch. Without any, every Service name of the namespaces given with -n.")
    List<String> names = new ArrayList<>();

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", converter = RecordTypeConverter.class,
            description = "The record type to ask (default A).")
    RrType type;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "Watch every Service name of this namespace when no NAME is given (repeatable); also read "
                    + "one by one when listing across all namespaces is forbidden.")
    List<String> namespaces = new ArrayList<>();

    @Option(names = "--interval", paramLabel = "D", converter = GoDurationConverter.class,
            description = "How often to ask, as 500ms, 10s, 10m (default 1s).")
    Duration interval;

    @Option(names = "--duration", paramLabel = "D", converter = GoDurationConverter.class,
            description = "Stop after this long (default: until Ctrl+C).")
    Duration duration;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (a line per change, then a summary) or json (NDJSON: every answer and API event, "
                    + "one a line; the summary goes to standard error).")
    OutputFormat format;

    @picocli.CommandLine.ParentCommand
    KdiCommand root;

    private final Terminal terminal;

    WatchCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws UserError {
        if (names.isEmpty() && namespaces.isEmpty()) {
            throw new UserError("kdi watch: name at least one NAME, or a namespace with -n to watch its Services");
        }
        RrType rrType = type == null ? RrType.A : type;
        Duration every = interval == null ? WatchRequest.DEFAULT_INTERVAL : interval;
        try (Session session = CliSessions.openToAsk(terminal.sessions(), root.global, namespaces, terminal)) {
            List<Question> questions = questions(session.current(), rrType);
            if (session.replicas().isEmpty()) {
                String notes = String.join(" ", session.current().dns().notes());
                throw new UserError("kdi watch: there is no DNS replica to ask" + (notes.isEmpty() ? "" : ": " + notes));
            }
            return watch(session, new WatchRequest(questions, every));
        }
    }

    private List<Question> questions(Inspection at, RrType rrType) throws UserError {
        Set<Question> out = new LinkedHashSet<>();
        for (String n : names) {
            if (n.isBlank()) {
                throw new UserError("kdi watch: an empty NAME");
            }
            out.add(new Question(n, rrType));
        }
        if (names.isEmpty()) {
            String zone = at.clusterDomain();
            for (Service s : at.snapshot().services()) {
                if (namespaces.contains(s.namespace())) {
                    out.add(new Question(s.name() + "." + s.namespace() + ".svc." + zone, rrType));
                }
            }
            if (out.isEmpty()) {
                throw new UserError("kdi watch: no Service in namespace" + (namespaces.size() == 1 ? " " : "s ")
                        + String.join(", ", namespaces) + " to watch");
            }
        }
        return List.copyOf(out);
    }

    private int watch(Session session, WatchRequest request) {
        PrintStream out = terminal.out();
        PrintStream err = terminal.err();
        boolean json = format == OutputFormat.JSON;
        WatchTimeline timeline = WatchTimeline.standard();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon("kdi-watch"));
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch summarized = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Watch watch = new Watch(session, request, Clock.systemUTC(), scheduler, new Watch.Listener() {
            @Override
            public void event(WatchEvent e, boolean change) {
                synchronized (out) {
                    timeline.add(e);
                    if (json) {
                        out.println(WatchRecording.line(e));
                    } else if (change) {
                        out.println(line(e));
                    }
                }
            }

            @Override
            public void notice(String text) {
                err.println("kdi watch: " + text);
            }
        });
        // Ctrl+C ends the watch with its summary: the hook waits for it to be printed.
        Thread hook = new Thread(() -> {
            interrupted.set(true);
            stop.countDown();
            try {
                summarized.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kdi-watch-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        err.println("kdi watch: " + request.questions().size() + " name" + (request.questions().size() == 1 ? "" : "s")
                + " on " + session.replicas().size() + " replica" + (session.replicas().size() == 1 ? "" : "s")
                + ", every " + GoDuration.format(request.interval())
                + (duration == null ? " until Ctrl+C" : " for " + GoDuration.format(duration)));
        try {
            watch.start();
            if (duration == null) {
                stop.await();
            } else {
                stop.await(duration.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            watch.close();
            scheduler.shutdownNow();
        }
        try {
            synchronized (out) {
                summary(json ? err : out, timeline, interrupted.get());
            }
            out.flush();
            err.flush();
        } finally {
            summarized.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Shutting down already: the hook is what is waiting for this summary.
            }
        }
        if (timeline.asked() == 0) {
            err.println("kdi watch: no replica was asked anything before the watch ended");
            return ExitCodes.INPUT;
        }
        return timeline.differing() == 0 ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    static String line(WatchEvent e) {
        String time = TIME.format(e.time());
        if (!e.isAnswer()) {
            return time + "  api      " + e.event();
        }
        String rtt = e.rttMs() == null ? "" : String.format(Locale.ROOT, "  %.2f ms", e.rttMs());
        String what = e.rcode() == null ? "no answer: " + e.event() : e.signature();
        String verdict = e.rcode() != null && Boolean.FALSE.equals(e.asPredicted()) ? "  (the model predicts otherwise)"
                : "";
        return time + "  " + e.replica() + "  " + e.name() + " " + e.type() + "  " + what + rtt + verdict;
    }

    private static void summary(PrintStream to, WatchTimeline timeline, boolean interrupted) {
        to.println();
        to.println("; summary" + (interrupted ? " (interrupted)" : "") + ": " + timeline.asked() + " asked, "
                + timeline.failures() + " failed, " + timeline.differing() + " not as predicted");
        for (WatchTimeline.Summary s : timeline.summary()) {
            WatchTimeline.Key k = s.key();
            StringBuilder b = new StringBuilder();
            b.append(k.name()).append(' ').append(k.type()).append("  ").append(k.replica())
                    .append(s.gone() ? " (gone)" : "").append(": ")
                    .append(s.asked()).append(" asked, ").append(s.failures()).append(" failed");
            if (s.longestFailureAsks() > 0) {
                b.append(" (longest ").append(s.longestFailureAsks()).append(" in a row over ")
                        .append(GoDuration.format(s.longestFailure())).append(')');
            }
            if (!Double.isNaN(s.p50Ms())) {
                b.append(String.format(Locale.ROOT, ", p50 %.2f ms, p99 %.2f ms", s.p50Ms(), s.p99Ms()));
            }
            to.println(b);
            for (Map.Entry<String, Long> a : s.answers().entrySet()) {
                to.println(";   " + a.getValue() + " x " + a.getKey());
            }
            if (s.otherAnswers() > 0) {
                to.println(";   " + s.otherAnswers() + " x other answers");
            }
        }
    }
}
