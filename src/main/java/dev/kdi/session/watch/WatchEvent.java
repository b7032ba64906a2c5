package dev.kdi.session.watch;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One thing a watch saw: a replica's answer (or its failure to answer), or what the API reported.
 * The same record is streamed as NDJSON, saved and read back.
 *
 * @param time when the question was sent, or when the API change was seen
 * @param kind an answer or an API event
 * @param name the name asked (absolute); for an API event, the watched name it concerns, or null
 * @param type the record type asked; null for an API event
 * @param replica the replica asked ({@code namespace/pod}); for an API event, the DNS pod it
 *     concerns, or null
 * @param rcode the answer's status ({@code NOERROR}, {@code NXDOMAIN}, ...); null when no answer came
 * @param answers the answer section, one {@code TYPE data} string per record, sorted
 * @param rttMs the round trip in milliseconds; null when no answer came or for an API event
 * @param event what happened: the API change, or why no answer came; null for an answer
 * @param asPredicted whether the answer agreed with the model's prediction at the time; null for
 *     an API event
 */
public record WatchEvent(Instant time, Kind kind, String name, String type, String replica, String rcode,
                         List<String> answers, Double rttMs, String event, Boolean asPredicted) {

    /** The event text of a replica that became a ready DNS endpoint while watching. */
    public static final String REPLICA_JOINED = "replica joined";
    /** The event text of a replica that stopped being a ready DNS endpoint. */
    public static final String REPLICA_GONE = "replica gone";

    /** What a watch event is about. */
    public enum Kind {
        ANSWER("answer"), API("api");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        /** The word in the NDJSON form. */
        public String key() {
            return key;
        }
    }

    public WatchEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        answers = answers == null ? List.of() : List.copyOf(answers);
    }

    /** A replica's answer. */
    public static WatchEvent answer(Instant time, String name, String type, String replica, String rcode,
                                    List<String> answers, double rttMs, boolean asPredicted) {
        return new WatchEvent(time, Kind.ANSWER, name, type, replica, rcode, answers, rttMs, null, asPredicted);
    }

    /** No answer from a replica, and why. */
    public static WatchEvent failure(Instant time, String name, String type, String replica, String why) {
        return new WatchEvent(time, Kind.ANSWER, name, type, replica, null, List.of(), null, why, false);
    }

    /** What the API reported. */
    public static WatchEvent api(Instant time, String name, String replica, String event) {
        return new WatchEvent(time, Kind.API, name, null, replica, null, List.of(), null, event, null);
    }

    public boolean isAnswer() {
        return kind == Kind.ANSWER;
    }

    /** No answer at all, or the server failed or refused. */
    public boolean isFailure() {
        return kind == Kind.ANSWER && (rcode == null || rcode.equals("SERVFAIL") || rcode.equals("REFUSED"));
    }

    /** A replica that left the watch: no longer a ready DNS endpoint. */
    public boolean isReplicaGone() {
        return kind == Kind.API && replica != null && event != null && event.startsWith(REPLICA_GONE);
    }

    /** A replica that joined the watch. */
    public boolean isReplicaJoined() {
        return kind == Kind.API && replica != null && event != null && event.startsWith(REPLICA_JOINED);
    }

    /** What makes two answers the same answer: the rcode and records, or the failure. */
    public String signature() {
        if (rcode == null) {
            return "no answer";
        }
        return answers.isEmpty() ? rcode : rcode + " " + String.join(", ", answers);
    }
}
