package dev.kdi.records;

import dev.kdi.records.names.DnsNames;
import java.util.Objects;

/**
 * A DNS question.
 *
 * @param name the name, absolute (a trailing dot is added when missing), in the case asked
 * @param type the query type
 */
public record Question(String name, RrType type) {

    public Question {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        name = DnsNames.absolute(name);
    }

    @Override
    public String toString() {
        return name + " " + type;
    }
}
