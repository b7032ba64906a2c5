package dev.kdi.cli;

import java.util.List;

/**
 * kdi's version lines, as {@code kdi --version} prints them. Free of picocli and of the rest of
 * kdi on purpose: {@link dev.kdi.Main} answers {@code --version} alone through this class before
 * anything else loads, because every library class looked up walks the class path's jars in order
 * (scripts and installers call {@code --version} and wait for it).
 */
public final class Version {
    private Version() {
    }

    /** Whether the arguments are {@code --version} (or {@code -V}) alone. */
    public static boolean alone(String... args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }

    /**
     * The version from the jar's manifest (set by the build), or "development" when run from
     * classes. Joined with {@code concat}, not {@code +}: the compiler makes {@code +} an
     * invokedynamic call site, whose first use spins method-handle classes at start-up.
     */
    public static List<String> lines() {
        String v = Version.class.getPackage().getImplementationVersion();
        return List.of("kdi ".concat(v == null ? "(development build)" : v),
            "Java ".concat(System.getProperty("java.version")).concat(" (")
                .concat(System.getProperty("java.vendor")).concat(")"));
    }
}
