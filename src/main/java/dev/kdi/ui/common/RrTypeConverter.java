package dev.kdi.ui.common;

import dev.kdi.records.RrType;
import javafx.util.StringConverter;

/** A record type as people type it ({@code AAAA}, {@code srv}) in the choosers of the lookup and the Watch tab. */
public final class RrTypeConverter extends StringConverter<RrType> {

    @Override
    public String toString(RrType t) {
        return t == null ? "" : t.mnemonic();
    }

    /** Unknown text falls back to A, the question people mean when they type a name alone. */
    @Override
    public RrType fromString(String s) {
        return s == null ? RrType.A : RrType.parse(s.trim()).orElse(RrType.A);
    }
}
