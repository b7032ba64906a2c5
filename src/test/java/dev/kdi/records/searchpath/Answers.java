package dev.kdi.records.searchpath;

import dev.kdi.records.Question;
import dev.kdi.records.Status;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A test oracle written as text: {@code name=STATUS} or {@code name TYPE=STATUS} entries separated
 * by semicolons; {@code *=STATUS} sets the status of every other question (NXDOMAIN unless given).
 */
final class Answers {
    private Answers() {
    }

    static Function<Question, Status> of(String spec) {
        Map<String, Status> byKey = new HashMap<>();
        Status fallback = Status.NXDOMAIN;
        if (spec != null) {
            for (String entry : spec.split(";")) {
                String e = entry.trim();
                if (e.isEmpty()) {
                    continue;
                }
                int eq = e.lastIndexOf('=');
                String key = e.substring(0, eq).trim();
                Status status = Status.valueOf(e.substring(eq + 1).trim());
                if (key.equals("*")) {
                    fallback = status;
                } else {
                    byKey.put(key, status);
                }
            }
        }
        Status otherwise = fallback;
        return q -> byKey.getOrDefault(q.toString(), byKey.getOrDefault(q.name(), otherwise));
    }
}
