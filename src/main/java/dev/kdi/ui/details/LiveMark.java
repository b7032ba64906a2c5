package dev.kdi.ui.details;

import java.util.List;

/** What the cluster DNS said about one record, as the live column shows it. */
public sealed interface LiveMark {

    /** The symbol in the column. */
    String symbol();

    /** The hover text: which replicas, and what they answered. */
    String detail();

    /** Not asked since the row appeared. */
    record NotAsked() implements LiveMark {
        public String symbol() {
            return "?";
        }

        public String detail() {
            return "Not asked yet: Resolve asks the cluster DNS.";
        }
    }

    /** The question is out. */
    record Asking() implements LiveMark {
        public String symbol() {
            return "…";
        }

        public String detail() {
            return "Asking the cluster DNS.";
        }
    }

    /** Every replica asked answered as predicted. */
    record Same(String detail) implements LiveMark {
        public String symbol() {
            return "✓";
        }
    }

    /**
     * At least one replica answered otherwise.
     *
     * @param summary a few words for the column ("missing", "answered on all 2")
     * @param detail the answers, replica by replica
     * @param replicas where replicas disagree, each one's verdict by name, for the column to show
     *     side by side; empty when they agree (or only one was asked)
     */
    record Differs(String summary, String detail, List<ByReplica> replicas) implements LiveMark {
        public Differs {
            replicas = List.copyOf(replicas);
        }

        public Differs(String summary, String detail) {
            this(summary, detail, List.of());
        }

        public String symbol() {
            return "✗";
        }
    }

    /**
     * One replica's verdict on a record.
     *
     * @param name the replica's short name ({@code …-9wqpn})
     * @param ok whether it answered as predicted
     * @param word what it did otherwise ("missing", "NXDOMAIN", "not asked")
     */
    record ByReplica(String name, boolean ok, String word) {
    }

    /** No replica could be asked. */
    record Failed(String detail) implements LiveMark {
        public String symbol() {
            return "!";
        }
    }

    /** The model cannot predict this name (the cluster DNS forwards it). */
    record Unpredictable(String detail) implements LiveMark {
        public String symbol() {
            return "–";
        }
    }

    LiveMark NOT_ASKED = new NotAsked();
    LiveMark ASKING = new Asking();
}
