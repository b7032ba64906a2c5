package dev.kdi.records.searchpath;

import java.util.Objects;

/**
 * How many queries one lookup costs: the search-path amplification figure.
 *
 * @param name the name the program asked for
 * @param queries every question sent, the answering ones included
 * @param answering the questions of the name that answered (or that went upstream); 0 when none did
 * @param result how the lookup ended
 */
public record Amplification(String name, int queries, int answering, Walk.Result result) {

    public Amplification {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(result, "result");
    }

    /** Questions spent on names that did not answer. */
    public int wasted() {
        return queries - answering;
    }

    /**
     * One line such as "`api.example.com` from a pod in `shop`: 8 queries before the answer (6 for
     * names that do not answer)".
     *
     * @param from where the lookup is made, e.g. "from a pod in `shop`"
     */
    public String sentence(String from) {
        String head = "`" + name + "` " + from + ": ";
        String waste = wasted() > 0 ? " (" + wasted() + " for names that do not answer)" : "";
        return head + switch (result) {
            case ANSWERED -> count(queries) + " before the answer" + waste;
            case UPSTREAM -> count(queries) + " before the answer, which comes from the upstream resolver" + waste;
            case NXDOMAIN -> count(queries) + " and no such name";
            case NODATA -> count(queries) + " and no records of that type";
            case TEMPORARY_FAILURE -> count(queries) + " and a temporary failure";
            case FAILED -> count(queries) + " and a failure";
            case NODE_RESOLVER -> "as many queries as the node's resolver sends (its resolv.conf is not known)";
            case NOT_ASKED -> "no query (the resolver rejects the name)";
        };
    }

    private static String count(int n) {
        return n == 1 ? "1 query" : n + " queries";
    }
}
