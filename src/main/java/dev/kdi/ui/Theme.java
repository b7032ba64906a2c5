package dev.kdi.ui;

import dev.kdi.ui.common.UiPreferences;
import java.util.List;
import java.util.Optional;

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

    /** The theme the user last chose, when the preferences hold a known one. */
    public static Optional<Theme> saved(UiPreferences preferences) {
        return preferences.theme().flatMap(name -> {
            for (Theme t : values()) {
                if (t.name().equals(name)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        });
    }

    public Theme other() {
        return this == LIGHT ? DARK : LIGHT;
    }

    private static String url(String name) {
        return Theme.class.getResource("/dev/kdi/ui/theme/" + name).toExternalForm();
    }
}
