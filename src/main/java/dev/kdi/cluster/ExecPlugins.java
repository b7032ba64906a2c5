package dev.kdi.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Finds kubeconfig exec credential plugins ({@code aws}, {@code gke-gcloud-auth-plugin},
 * {@code kubelogin}, ...) the way a terminal would, even when the app was started from a desktop
 * launcher whose {@code PATH} lacks the login shell's additions.
 */
public final class ExecPlugins {
    /** Where installers put credential plugins that desktop launchers often do not see. */
    private static final List<String> WELL_KNOWN = List.of("/usr/local/bin", "~/.local/bin", "/opt/homebrew/bin",
            "~/.krew/bin", "/usr/local/google-cloud-sdk/bin", "~/google-cloud-sdk/bin");

    private final Map<String, String> env;
    private final Path home;
    private final Supplier<Optional<String>> loginShellPath;
    private volatile List<Path> cachedDirs;

    /**
     * @param env the process environment
     * @param home the user's home directory
     * @param loginShellPath the login shell's PATH, asked only when a plugin is not found otherwise
     */
    public ExecPlugins(Map<String, String> env, Path home, Supplier<Optional<String>> loginShellPath) {
        this.env = env;
        this.home = home;
        this.loginShellPath = loginShellPath;
    }

    /** The real thing: the process environment and the user's login shell. */
    public static ExecPlugins forThisUser() {
        Map<String, String> env = System.getenv();
        return new ExecPlugins(env, homeOf(env), () -> askLoginShell(env));
    }

    /**
     * The home directory as kubectl finds it: {@code $HOME} when set (Java's {@code user.home}
     * comes from the password database and ignores it), else {@code user.home}.
     */
    public static Path homeOf(Map<String, String> env) {
        String home = env.get("HOME");
        return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home);
    }

    /** Where a plugin command was found, or where it was looked for. */
    public sealed interface Lookup permits Found, Missing {
    }

    /** The plugin's absolute path. */
    public record Found(Path path) implements Lookup {
    }

    /** Not found; {@code searched} lists every directory tried, for the message. */
    public record Missing(String command, List<Path> searched) implements Lookup {
        public String message() {
            return "exec credential plugin '" + command + "' not found; looked in "
                    + String.join(":", searched.stream().map(Path::toString).toList())
                    + ". Install it, or put its directory on the PATH of the program that starts kdi.";
        }
    }

    /** Looks a command up: absolute and relative paths as given, bare names on the search path. */
    public Lookup find(String command, Path kubeconfigDir) {
        if (command.contains("/")) {
            Path p = Path.of(command);
            if (!p.isAbsolute() && kubeconfigDir != null) {
                p = kubeconfigDir.resolve(p);
            }
            return Files.isExecutable(p) ? new Found(p) : new Missing(command, List.of(p.getParent()));
        }
        List<Path> dirs = directories(false);
        Optional<Path> hit = firstExecutable(command, dirs);
        if (hit.isPresent()) {
            return new Found(hit.get());
        }
        List<Path> all = directories(true);
        return firstExecutable(command, all).<Lookup>map(Found::new).orElseGet(() -> new Missing(command, all));
    }

    /**
     * The PATH a plugin should run with: the process PATH plus the well-known directories and the
     * login shell's, so a plugin that calls other tools (gcloud, az) finds them too.
     */
    public String searchPath() {
        return String.join(java.io.File.pathSeparator, directories(true).stream().map(Path::toString).toList());
    }

    private Optional<Path> firstExecutable(String command, List<Path> dirs) {
        for (Path d : dirs) {
            Path p = d.resolve(command);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private List<Path> directories(boolean includeLoginShell) {
        if (!includeLoginShell) {
            Set<Path> dirs = new LinkedHashSet<>();
            addPathList(dirs, env.getOrDefault("PATH", ""));
            for (String w : WELL_KNOWN) {
                dirs.add(expand(w));
            }
            return List.copyOf(dirs);
        }
        List<Path> cached = cachedDirs;
        if (cached == null) {
            Set<Path> dirs = new LinkedHashSet<>(directories(false));
            loginShellPath.get().ifPresent(p -> addPathList(dirs, p));
            cached = List.copyOf(dirs);
            cachedDirs = cached;
        }
        return cached;
    }

    private void addPathList(Set<Path> into, String list) {
        for (String part : list.split(java.io.File.pathSeparator)) {
            if (!part.isBlank()) {
                into.add(expand(part.strip()));
            }
        }
    }

    private Path expand(String dir) {
        if (dir.equals("~")) {
            return home;
        }
        return dir.startsWith("~/") ? home.resolve(dir.substring(2)) : Path.of(dir);
    }

    /** {@code $SHELL -l -c 'printf %s "$PATH"'}, bounded in time; empty when it cannot tell. */
    static Optional<String> askLoginShell(Map<String, String> env) {
        String shell = env.getOrDefault("SHELL", "/bin/sh");
        if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win")) {
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder(shell, "-l", "-c", "printf %s \"$PATH\"")
                    .redirectErrorStream(false).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            p.getOutputStream().close();
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            try (InputStream in = p.getInputStream()) {
                String out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
                return out.isEmpty() || p.exitValue() != 0 ? Optional.empty() : Optional.of(lastLine(out));
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Login scripts may print banners; PATH is the last line. */
    private static String lastLine(String out) {
        List<String> lines = new ArrayList<>(out.lines().toList());
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
