package dev.kdi.records.archfixture;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Breaks "records uses the JDK only": the engine reaching for a JSON library. */
public final class RecordsParsingJson {
    public Object parse(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }
}
