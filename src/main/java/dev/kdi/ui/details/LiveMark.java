package dev.kdi.ui.details;

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
     * @param summary a few words for the column ("missing on coredns-b")
     * @param detail the answers, replica by replica
     */
    record Differs(String summary, String detail) implements LiveMark {
        public String symbol() {
            return "✗";
        }
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
