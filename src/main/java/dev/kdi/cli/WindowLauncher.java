package dev.kdi.cli;

import java.awt.GraphicsEnvironment;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Opens the window by name, so that the command line never loads JavaFX.
 */
final class WindowLauncher {
    static final String DESKTOP_APP = "dev.kdi.ui.KdiApp";

    private WindowLauncher() {
    }

    static int open(GlobalOptions global, boolean smokeTest, Terminal terminal) throws UserError {
        if (global.dnsService != null) {
            throw new UserError("kdi: --dns-service applies to the commands (check, lookup, health, ...); the window "
                    + "finds the cluster DNS itself");
        }
        if (!hasDisplay(terminal)) {
            throw new UserError("kdi: no display to open the window on; run a command instead (kdi --help)");
        }
        try {
            Class<?> app = Class.forName(DESKTOP_APP);
            Method launch = app.getMethod("open", boolean.class, String.class, String.class, String.class, boolean.class,
                    boolean.class);
            Object code = launch.invoke(null, global.demo, global.kubeconfig == null ? null : global.kubeconfig.toString(),
                    global.context, global.clusterDomain, global.debug, smokeTest);
            return (Integer) code;
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            throw new UserError("kdi: this build has no window (" + e.getMessage() + "); run a command instead (kdi --help)");
        } catch (InvocationTargetException e) {
            throw new UserError("kdi: the window failed to start: " + e.getCause(), e.getCause());
        }
    }

    private static boolean hasDisplay(Terminal terminal) {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return !GraphicsEnvironment.isHeadless();
        }
        String display = terminal.env().get("DISPLAY");
        String wayland = terminal.env().get("WAYLAND_DISPLAY");
        return (display != null && !display.isEmpty()) || (wayland != null && !wayland.isEmpty());
    }
}
