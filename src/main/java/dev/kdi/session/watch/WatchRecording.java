package dev.kdi.session.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A watch as NDJSON, one event a line: {@code {"time", "kind": "answer"|"api", "name", "type",
 * "replica", "rcode", "answers", "rttMs", "event", "asPredicted"}}, every key present, null where
 * it does not apply. {@code kdi watch -o json} streams it; the window saves and opens it.
 */
public final class WatchRecording {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WatchRecording() {
    }

    /** A bad line of a recording, named by source and line number. */
    public static final class RecordingException extends Exception {
        public RecordingException(String message) {
            super(message);
        }
    }

    /** One event as one line of JSON, without the line break. */
    public static String line(WatchEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", e.time().toString());
        m.put("kind", e.kind().key());
        m.put("name", e.name());
        m.put("type", e.type());
        m.put("replica", e.replica());
        m.put("rcode", e.rcode());
        m.put("answers", e.answers());
        m.put("rttMs", e.rttMs());
        m.put("event", e.event());
        m.put("asPredicted", e.asPredicted());
        try {
            return MAPPER.writeValueAsString(m);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write a watch event as JSON", ex);
        }
    }

    /**
     * Reads a recording, handing each event on as it is read (so a long one need not fit in memory).
     * Blank lines are skipped.
     *
     * @param source what to call the input in messages (the file's path)
     * @throws RecordingException at the first bad line, saying which line and which field; the
     *     events before it have been handed on
     */
    public static void read(Reader in, String source, Consumer<WatchEvent> sink) throws IOException, RecordingException {
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        String text;
        int n = 0;
        while ((text = lines.readLine()) != null) {
            n++;
            if (text.isBlank()) {
                continue;
            }
            sink.accept(parse(text, source + " line " + n));
        }
    }

    /** Reads a whole recording into a list. */
    public static List<WatchEvent> readAll(Reader in, String source) throws IOException, RecordingException {
        List<WatchEvent> out = new ArrayList<>();
        read(in, source, out::add);
        return out;
    }

    static WatchEvent parse(String text, String where) throws RecordingException {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RecordingException(where + ": not JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new RecordingException(where + ": not a JSON object");
        }
        Instant time;
        String timeText = text(node, "time", where);
        if (timeText == null) {
            throw new RecordingException(where + ": field \"time\" is missing");
        }
        try {
            time = Instant.parse(timeText);
        } catch (DateTimeParseException e) {
            throw new RecordingException(where + ": field \"time\" is not an RFC 3339 time: \"" + timeText + "\"");
        }
        String kindText = text(node, "kind", where);
        WatchEvent.Kind kind = null;
        for (WatchEvent.Kind k : WatchEvent.Kind.values()) {
            if (k.key().equals(kindText)) {
                kind = k;
            }
        }
        if (kind == null) {
            throw new RecordingException(where + ": field \"kind\" must be \"answer\" or \"api\", not "
                    + (kindText == null ? "missing" : "\"" + kindText + "\""));
        }
        List<String> answers = new ArrayList<>();
        JsonNode list = node.get("answers");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new RecordingException(where + ": field \"answers\" must be a list of strings");
            }
            for (JsonNode a : list) {
                if (!a.isTextual()) {
                    throw new RecordingException(where + ": field \"answers\" must be a list of strings");
                }
                answers.add(a.asText());
            }
        }
        Double rtt = null;
        JsonNode r = node.get("rttMs");
        if (r != null && !r.isNull()) {
            if (!r.isNumber() || r.asDouble() < 0) {
                throw new RecordingException(where + ": field \"rttMs\" must be a number of milliseconds, not " + r);
            }
            rtt = r.asDouble();
        }
        Boolean predicted = null;
        JsonNode p = node.get("asPredicted");
        if (p != null && !p.isNull()) {
            if (!p.isBoolean()) {
                throw new RecordingException(where + ": field \"asPredicted\" must be true or false, not " + p);
            }
            predicted = p.asBoolean();
        }
        String name = text(node, "name", where);
        String type = text(node, "type", where);
        String replica = text(node, "replica", where);
        String event = text(node, "event", where);
        if (kind == WatchEvent.Kind.ANSWER && (name == null || type == null || replica == null)) {
            throw new RecordingException(where + ": an answer needs \"name\", \"type\" and \"replica\"");
        }
        if (kind == WatchEvent.Kind.API && event == null) {
            throw new RecordingException(where + ": an API event needs \"event\"");
        }
        return new WatchEvent(time, kind, name, type, replica, text(node, "rcode", where), answers, rtt, event,
                predicted);
    }

    private static String text(JsonNode node, String field, String where) throws RecordingException {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new RecordingException(where + ": field \"" + field + "\" must be a string, not " + v);
        }
        return v.asText();
    }
}
