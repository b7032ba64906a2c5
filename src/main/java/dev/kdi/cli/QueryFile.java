package dev.kdi.cli;

import dev.kdi.records.Question;
import dev.kdi.records.RrType;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A file of questions: {@code NAME [TYPE]} per line; blank lines and {@code ;}/{@code #} comments skipped. */
final class QueryFile {
    private QueryFile() {
    }

    static List<Question> parse(BufferedReader reader, String label) throws IOException, UserError {
        List<Question> out = new ArrayList<>();
        String line;
        int n = 0;
        while ((line = reader.readLine()) != null) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith(";") || t.startsWith("#")) {
                continue;
            }
            String[] parts = t.split("\\s+");
            if (parts.length > 2) {
                throw new UserError(label + ": line " + n + ": expected 'NAME [TYPE]', got \"" + t + "\"");
            }
            String type = parts.length == 2 ? parts[1] : "A";
            int at = n;
            out.add(new Question(parts[0], RrType.parse(type).orElseThrow(() -> new UserError(
                    label + ": line " + at + ": " + RecordTypeConverter.problem(type)))));
        }
        if (out.isEmpty()) {
            throw new UserError(label + ": no questions (one 'NAME [TYPE]' per line)");
        }
        return out;
    }
}
