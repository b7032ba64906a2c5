package dev.kdi.ui.common;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the window remembers between runs, in {@code java.util.prefs}: its size and place, the
 * split positions, which panels are folded, the theme, the last context and namespaces of each kubeconfig file, and the
 * names looked up. Everything is read with a fallback, so a damaged or foreign value is ignored,
 * never fatal.
 */
public final class UiPreferences {
    /** Names looked up that are remembered, newest first. */
    public static final int LOOKUPS = 25;
    private static final String KUBECONFIGS = "kubeconfigs";

    private final Preferences root;

    /** @param root the node everything is kept under; tests give a {@link MemoryPreferences} */
    public UiPreferences(Preferences root) {
        this.root = root;
    }

    /** The user's own preferences, under {@code dev/kdi}; in memory when the platform has none. */
    public static UiPreferences forThisUser() {
        try {
            return new UiPreferences(Preferences.userRoot().node("dev/kdi"));
        } catch (RuntimeException | Error e) {
            return new UiPreferences(new MemoryPreferences());
        }
    }

    /** Preferences that start empty and are forgotten with the window. */
    public static UiPreferences inMemory() {
        return new UiPreferences(new MemoryPreferences());
    }

    /** Where and how large the window was; {@code maximized} wins over the rest. */
    public record Bounds(double x, double y, double width, double height, boolean maximized) {
    }

    public Optional<Bounds> window() {
        Preferences w = root.node("window");
        double width = w.getDouble("width", -1);
        double height = w.getDouble("height", -1);
        if (width <= 0 || height <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Bounds(w.getDouble("x", 0), w.getDouble("y", 0), width, height,
                w.getBoolean("maximized", false)));
    }

    public void window(Bounds b) {
        Preferences w = root.node("window");
        w.putDouble("x", b.x());
        w.putDouble("y", b.y());
        w.putDouble("width", b.width());
        w.putDouble("height", b.height());
        w.putBoolean("maximized", b.maximized());
    }

    /** A split pane's divider, 0..1. */
    public OptionalDouble split(String name) {
        double at = root.node("splits").getDouble(name, -1);
        return at > 0 && at < 1 ? OptionalDouble.of(at) : OptionalDouble.empty();
    }

    public void split(String name, double position) {
        root.node("splits").putDouble(name, position);
    }

    /** Whether a panel that folds away (the lookup panel) was folded. */
    public boolean collapsed(String panel) {
        return root.node("collapsed").getBoolean(panel, false);
    }

    public void collapsed(String panel, boolean folded) {
        root.node("collapsed").putBoolean(panel, folded);
    }

    /** The theme's name ({@code LIGHT}, {@code DARK}). */
    public Optional<String> theme() {
        return Optional.ofNullable(root.get("theme", null));
    }

    public void theme(String name) {
        root.put("theme", name);
    }

    /** The context last opened from this kubeconfig file. */
    public Optional<String> context(Path kubeconfig) {
        return Optional.ofNullable(kubeconfig(kubeconfig).get("context", null)).filter(c -> !c.isEmpty());
    }

    /** The namespaces last chosen in the toolbar for this kubeconfig file's context. */
    public Set<String> namespaces(Path kubeconfig, String context) {
        Preferences k = kubeconfig(kubeconfig);
        if (!context.equals(k.get("context", null))) {
            return Set.of();
        }
        String joined = k.get("namespaces", "");
        return joined.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(joined.split(",")));
    }

    /** Remembers the context open from a kubeconfig file and the namespaces chosen in it. */
    public void cluster(Path kubeconfig, String context, Set<String> namespaces) {
        Preferences k = kubeconfig(kubeconfig);
        k.put("file", kubeconfig.toString());
        k.put("context", context);
        // Namespace names are DNS labels: no commas. A value is at most 8 KiB.
        String joined = String.join(",", new TreeSet<>(namespaces));
        k.put("namespaces", joined.length() > Preferences.MAX_VALUE_LENGTH ? "" : joined);
    }

    /** One node per kubeconfig file; node names are short, so the path's hash names it. */
    private Preferences kubeconfig(Path file) {
        String path = file.toAbsolutePath().normalize().toString();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            return root.node(KUBECONFIGS).node(HexFormat.of().formatHex(digest, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Names looked up, newest first ({@code name TYPE}). */
    public List<String> lookups() {
        String joined = root.get("lookups", "");
        return joined.isEmpty() ? List.of() : List.of(joined.split("\n"));
    }

    /** Puts a lookup first in the remembered ones, once, keeping the newest {@link #LOOKUPS}. */
    public void lookedUp(String question) {
        List<String> all = new ArrayList<>(lookups());
        all.remove(question);
        all.add(0, question);
        while (all.size() > LOOKUPS || String.join("\n", all).length() > Preferences.MAX_VALUE_LENGTH) {
            all.remove(all.size() - 1);
        }
        root.put("lookups", String.join("\n", all));
    }

    /** Forgets everything: the next window opens as a first one does. */
    public void reset() {
        try {
            for (String child : root.childrenNames()) {
                root.node(child).removeNode();
            }
            root.clear();
        } catch (BackingStoreException e) {
            throw new IllegalStateException("the preferences could not be reset: " + e.getMessage(), e);
        }
    }
}
