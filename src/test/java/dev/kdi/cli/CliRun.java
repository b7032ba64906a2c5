package dev.kdi.cli;

import dev.kdi.cluster.ExecPlugins;
import dev.kdi.session.Sessions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** Runs the command line in process and captures what it prints. */
record CliRun(int exit, String out, String err) {

    static CliRun run(String... args) {
        return runWithInput("", Map.of(), args);
    }

    static CliRun runWithInput(String stdin, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Cli(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env,
                sessionsFor(env))
                .run(args);
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The test's environment alone: no login shell is asked for a PATH. */
    private static Sessions sessionsFor(Map<String, String> env) {
        Path home = ExecPlugins.homeOf(env);
        return new Sessions(env, home, new ExecPlugins(env, home, Optional::empty), Clock.systemUTC());
    }
}
