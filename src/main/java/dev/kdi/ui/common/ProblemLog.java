package dev.kdi.ui.common;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The window's log: every background failure, with its stack trace, in a file that rolls over
 * ({@code kdi.log}, then {@code kdi.log.1} ... {@code kdi.log.N}) so it never grows without bound.
 * With {@code --debug} each entry is also printed. Secrets that a library message might carry
 * (bearer tokens, passwords) are masked before anything is written.
 *
 * <p>A log that cannot be written (read-only home, full disk) never stops the window: the entries
 * stay in memory for "Copy diagnostics", and the first problem is said once on the echo stream.
 */
public final class ProblemLog {
    /** Lines kept in memory for "Copy diagnostics", also when the file cannot be written. */
    private static final int KEPT = 200;
    private static final Pattern SECRET = Pattern.compile(
            "(?i)(authorization:\\s*(?:bearer\\s+|basic\\s+)?|bearer\\s+"
                    + "|(?:token|password|passwd|secret|client-key-data|client-certificate-data)\\s*[=:]\\s*\"?)"
                    + "[^\\s\",}]+");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ISO_INSTANT;

    private final Path file;
    private final long maxBytes;
    private final int rolled;
    private final Clock clock;
    private final PrintStream echo;
    private final Deque<String> recent = new ArrayDeque<>();
    private boolean broken;

    /**
     * @param dir where {@code kdi.log} goes; created when missing
     * @param maxBytes the size at which the file rolls over
     * @param rolled how many rolled-over files are kept
     * @param echo where entries are also printed ({@code --debug}), or null
     */
    public ProblemLog(Path dir, long maxBytes, int rolled, Clock clock, PrintStream echo) {
        this.file = dir == null ? null : dir.resolve("kdi.log");
        this.maxBytes = maxBytes;
        this.rolled = rolled;
        this.clock = clock;
        this.echo = echo;
    }

    /** The log for this user: 1 MiB files, three kept. */
    public static ProblemLog forThisUser(boolean debug) {
        return new ProblemLog(StateDirectory.forThisUser(), 1 << 20, 3, Clock.systemUTC(), debug ? System.err : null);
    }

    /** A log that writes no file (tests, and where there is nowhere to write). */
    public static ProblemLog inMemory() {
        return new ProblemLog(null, 0, 0, Clock.systemUTC(), null);
    }

    /** Where the log is written, if anywhere. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** Logs a failure of the named work, with its cause chain and stack trace. */
    public void failure(String what, Throwable error) {
        StringWriter trace = new StringWriter();
        if (error != null) {
            error.printStackTrace(new PrintWriter(trace));
        }
        write("ERROR", what + (error == null ? "" : ": " + Failures.describe(error)), trace.toString());
    }

    /** Logs something worth knowing later that is not a failure. */
    public void info(String text) {
        write("INFO", text, "");
    }

    private synchronized void write(String level, String text, String trace) {
        String line = STAMP.format(clock.instant()) + " " + level + " " + mask(text).replace('\n', ' ');
        recent.addLast(line);
        while (recent.size() > KEPT) {
            recent.removeFirst();
        }
        String entry = line + "\n" + (trace.isEmpty() ? "" : mask(trace).stripTrailing() + "\n");
        if (echo != null) {
            echo.print(entry);
            echo.flush();
        }
        if (file == null || broken) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file) && Files.size(file) + entry.length() > maxBytes) {
                roll();
            }
            Files.writeString(file, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            broken = true;
            if (echo != null) {
                echo.println("kdi: cannot write the log " + file + " (" + e.getMessage() + "); keeping it in memory");
            }
        }
    }

    private void roll() throws IOException {
        for (int i = rolled - 1; i >= 1; i--) {
            Path from = file.resolveSibling("kdi.log." + i);
            if (Files.exists(from)) {
                Files.move(from, file.resolveSibling("kdi.log." + (i + 1)), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (rolled >= 1) {
            Files.move(file, file.resolveSibling("kdi.log.1"), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.delete(file);
        }
    }

    /** The newest entries' first lines, oldest first (no stack traces). */
    public synchronized List<String> lastLines(int n) {
        List<String> all = new ArrayList<>(recent);
        return List.copyOf(all.subList(Math.max(0, all.size() - n), all.size()));
    }

    /** Hides what looks like a credential: a log or a pasted report must never carry one. */
    public static String mask(String text) {
        return SECRET.matcher(text).replaceAll("$1<hidden>");
    }
}
