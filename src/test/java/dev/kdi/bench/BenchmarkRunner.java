package dev.kdi.bench;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Finds the {@code *Benchmark} mains in the test classes and runs those the first argument picks
 * (all when it is empty; otherwise a comma-separated list of names, with or without the
 * {@code Benchmark} suffix, e.g. {@code Model}), one JVM each with this JVM's options, so that
 * one benchmark's heap and JIT state never colour another's figures.
 */
public final class BenchmarkRunner {
    private BenchmarkRunner() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        String pick = args.length == 0 ? "" : args[0].trim();
        List<String> all = benchmarks();
        List<String> chosen = new ArrayList<>();
        for (String c : all) {
            if (matches(c, pick)) {
                chosen.add(c);
            }
        }
        if (chosen.isEmpty()) {
            System.err.println("No benchmark matches '" + pick + "'. Known: " + all.stream()
                    .map(BenchmarkRunner::simpleName).toList());
            System.exit(2);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
        int failed = 0;
        for (String c : chosen) {
            System.out.println("=== " + simpleName(c) + " ===");
            List<String> command = new ArrayList<>();
            command.add(java);
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(c);
            int code = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (code != 0) {
                System.out.println(simpleName(c) + " exited with " + code);
                failed++;
            }
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    private static boolean matches(String className, String pick) {
        if (pick.isEmpty()) {
            return true;
        }
        String simple = simpleName(className).toLowerCase(Locale.ROOT);
        for (String p : pick.split(",")) {
            String want = p.trim().toLowerCase(Locale.ROOT);
            if (!want.isEmpty() && (simple.equals(want) || simple.equals(want + "benchmark"))) {
                return true;
            }
        }
        return false;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** Classes named {@code *Benchmark} with a public static main, in the classpath's directories. */
    private static List<String> benchmarks() throws IOException {
        List<String> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path dir = Path.of(entry);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String name = f.getFileName().toString();
                    if (name.endsWith("Benchmark.class") && !name.contains("$")) {
                        String rel = dir.relativize(f).toString();
                        String className = rel.substring(0, rel.length() - ".class".length()).replace(File.separatorChar, '.');
                        if (hasMain(className)) {
                            out.add(className);
                        }
                    }
                }
            }
        }
        out.sort(null);
        return out;
    }

    private static boolean hasMain(String className) {
        try {
            Method m = Class.forName(className, false, BenchmarkRunner.class.getClassLoader())
                    .getMethod("main", String[].class);
            return Modifier.isStatic(m.getModifiers());
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return false;
        }
    }
}
