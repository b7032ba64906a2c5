package dev.kdi.ui.lookup;

import dev.kdi.records.Status;
import dev.kdi.records.searchpath.Query;
import dev.kdi.records.searchpath.Step;
import dev.kdi.ui.live.QuestionResult;
import java.util.ArrayList;
import java.util.List;

/**
 * One query of a pod's lookup, in the order the resolver sent it.
 *
 * @param number the position of the name tried (1 for the first)
 * @param query the question and the status the walk saw
 * @param modelStatus what the model predicts for the same question
 * @param step what the resolver concluded for the name and why
 * @param live the live result, when asked
 */
public record WalkRow(int number, Query query, Status modelStatus, Step step, QuestionResult live) {

    static List<WalkRow> of(LookupResult.AsPod result) {
        List<WalkRow> out = new ArrayList<>();
        for (Step s : result.shown().steps()) {
            for (Query q : s.queries()) {
                out.add(new WalkRow(s.number(), q, result.predicted().get(q.question()), s,
                        result.answers().get(q.question())));
            }
        }
        return out;
    }
}
