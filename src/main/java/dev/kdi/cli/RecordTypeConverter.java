package dev.kdi.cli;

import dev.kdi.records.RrType;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A record type as {@code dig} takes it: a mnemonic in any case, or {@code TYPEnnn}. */
final class RecordTypeConverter implements ITypeConverter<RrType> {

    @Override
    public RrType convert(String text) {
        return RrType.parse(text).orElseThrow(() -> new TypeConversionException(problem(text)));
    }

    /** The same words for a TYPE argument and a line of a questions file. */
    static String problem(String text) {
        return "\"" + text + "\" is not a record type (A, AAAA, SRV, PTR, TXT, CNAME, NS, SOA, ... or TYPEnnn)";
    }
}
