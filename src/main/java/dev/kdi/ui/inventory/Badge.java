package dev.kdi.ui.inventory;

import dev.kdi.records.lint.Severity;

/**
 * The mark a row carries when lint findings concern it or anything below it. Info findings show
 * in the details only: a badge is for what needs attention.
 */
public enum Badge {
    NONE, WARNING, ERROR;

    public static Badge of(Severity severity) {
        return switch (severity) {
            case ERROR -> ERROR;
            case WARNING -> WARNING;
            case INFO -> NONE;
        };
    }

    public Badge max(Badge other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
