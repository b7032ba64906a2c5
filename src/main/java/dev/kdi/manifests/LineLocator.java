package dev.kdi.manifests;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.Reader;

/**
 * Finds the line a field path points to, by parsing the document again. Trees built for
 * conversion carry no locations; going back to the text only when something is wrong keeps the
 * common path lean.
 */
final class LineLocator {

    private LineLocator() {
    }

    /**
     * The 1-based line of the deepest part of {@code path} that exists in document
     * {@code document} of the source, or 0 when not even its first step does (or the source
     * cannot be read again).
     */
    static int lineOf(Source source, JsonFactory factory, int document, FieldPath path) {
        try (Reader in = source.reader(); JsonParser p = factory.createParser(in)) {
            int doc = 0;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                doc++;
                if (doc == document) {
                    break;
                }
                p.skipChildren();
            }
            if (t == null) {
                return 0;
            }
            int line = 0;
            for (FieldPath.Segment s : path.segments()) {
                int found = s instanceof FieldPath.Field f ? enterField(p, f.name()) : enterIndex(p, ((FieldPath.Index) s).index());
                if (found == 0) {
                    return line;
                }
                line = found;
            }
            return line;
        } catch (IOException | RuntimeException e) {
            // Only a line number is lost; the message stands without it.
            return 0;
        }
    }

    /** Moves to the value of the field and returns the line of its key, or 0 when absent. */
    private static int enterField(JsonParser p, String name) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            return 0;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            int line = p.currentTokenLocation().getLineNr();
            boolean match = name.equals(p.currentName());
            p.nextToken();
            if (match) {
                return line;
            }
            p.skipChildren();
        }
        return 0;
    }

    /** Moves to the element and returns the line it starts on, or 0 when the list is shorter. */
    private static int enterIndex(JsonParser p, int index) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            return 0;
        }
        int i = 0;
        JsonToken t;
        while ((t = p.nextToken()) != null && t != JsonToken.END_ARRAY) {
            if (i == index) {
                return p.currentTokenLocation().getLineNr();
            }
            p.skipChildren();
            i++;
        }
        return 0;
    }
}
