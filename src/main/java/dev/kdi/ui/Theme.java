package dev.kdi.ui;

import java.util.List;

/** The two themes: the same rules (base.css) over two palettes. */
public enum Theme {
    LIGHT("light.css"), DARK("dark.css");

    private final String palette;

    Theme(String palette) {
        this.palette = palette;
    }

    /** The stylesheets, palette first so the rules can look its colours up. */
    public List<String> stylesheets() {
        return List.of(url(palette), url("base.css"));
    }

    public Theme other() {
        return this == LIGHT ? DARK : LIGHT;
    }

    private static String url(String name) {
        return Theme.class.getResource("/dev/kdi/ui/theme/" + name).toExternalForm();
    }
}
