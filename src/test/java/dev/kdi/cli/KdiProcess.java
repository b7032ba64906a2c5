package dev.kdi.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code kdi} as its own process ({@code java -cp <test class path> dev.kdi.Main ...}) with
 * exactly the environment given, as a desktop launcher or a terminal would start it.
 */
final class KdiProcess {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private KdiProcess() {
    }

    static CliRun run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(env, List.of(), args);
    }

    /** The same, with options for the JVM ({@code -Xlog:...}). */
    static CliRun run(Map<String, String> env, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add("dev.kdi.Main");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        Drain out = new Drain(p.getInputStream());
        Drain err = new Drain(p.getErrorStream());
        out.start();
        err.start();
        if (!p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kdi " + String.join(" ", args) + " did not end within " + LIMIT + "; it printed:\n"
                    + out.text() + "\n" + err.text());
        }
        out.join(5_000);
        err.join(5_000);
        return new CliRun(p.exitValue(), out.text(), err.text());
    }

    private static final class Drain extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Drain(InputStream in) {
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            try (in) {
                in.transferTo(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
