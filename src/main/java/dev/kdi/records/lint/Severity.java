package dev.kdi.records.lint;

import java.util.Locale;

/** How much a finding matters; declared most severe first, so the natural order sorts that way. */
public enum Severity {
    /** A name the user evidently intends cannot resolve (or the object cannot exist). */
    ERROR,
    /** The name resolves, but not as the user likely thinks. */
    WARNING,
    /** Worth knowing; nothing is wrong. */
    INFO;

    /** Lower case, as the command line prints it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
