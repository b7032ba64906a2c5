package dev.kdi.ui.common;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where kdi keeps what it writes for itself (its log): the platform's usual place for an
 * application's state, so that operators find it where they look for other tools' logs.
 */
public final class StateDirectory {
    private StateDirectory() {
    }

    /** The directory for this user, from the real environment. */
    public static Path forThisUser() {
        return of(System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home", ".")));
    }

    /**
     * Linux and the other Unixes: {@code $XDG_STATE_HOME/kdi}, else {@code ~/.local/state/kdi};
     * macOS: {@code ~/Library/Logs/kdi}; Windows: {@code %LOCALAPPDATA%\kdi\logs}.
     */
    public static Path of(Map<String, String> env, String osName, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String local = env.get("LOCALAPPDATA");
            Path base = local != null && !local.isBlank() ? Path.of(local) : home.resolve("AppData").resolve("Local");
            return base.resolve("kdi").resolve("logs");
        }
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Logs").resolve("kdi");
        }
        String xdg = env.get("XDG_STATE_HOME");
        // The XDG spec ignores a relative path: it would depend on where kdi was started.
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg).resolve("kdi");
        }
        return home.resolve(".local").resolve("state").resolve("kdi");
    }
}
