package dev.kdi.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The {@code ; QUERY} block format of predict and of shared/examples/*.expected, read into
 * comparable values: order inside a section is free, comments other than the structure are free.
 */
record ExpectedBlocks(List<Block> blocks) {

    record Block(String query, TreeSet<String> answer, TreeSet<String> additional) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Block b && query.equalsIgnoreCase(b.query) && answer.equals(b.answer)
                    && additional.equals(b.additional);
        }

        @Override
        public int hashCode() {
            return Objects.hash(query.toLowerCase(java.util.Locale.ROOT), answer, additional);
        }
    }

    static ExpectedBlocks parse(String text) {
        List<Block> blocks = new ArrayList<>();
        Block current = null;
        boolean additional = false;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("; QUERY ")) {
                current = new Block(line.substring("; QUERY ".length()).replaceAll("\\s+", " "), new TreeSet<>(), new TreeSet<>());
                blocks.add(current);
                additional = false;
            } else if (line.equals("; ADDITIONAL")) {
                additional = true;
            } else if (line.isEmpty() || line.startsWith(";")) {
                continue;
            } else if (current != null) {
                (additional ? current.additional() : current.answer()).add(line.replaceAll("\\s+", " "));
            }
        }
        return new ExpectedBlocks(blocks);
    }
}
