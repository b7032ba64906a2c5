package dev.kdi.ui.lookup;

import dev.kdi.records.Answer;
import dev.kdi.records.ResourceRecord;
import dev.kdi.records.Status;
import dev.kdi.records.searchpath.Step;
import dev.kdi.records.searchpath.Walk;
import dev.kdi.ui.common.Icons;
import dev.kdi.ui.common.Texts;
import dev.kdi.ui.live.QuestionResult;
import dev.kdi.ui.live.ReplicaResult;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** Shows one lookup: each replica's answer beside the model's, or a pod's queries in order. */
final class ResultPane extends ScrollPane {
    private final VBox content = new VBox(10);

    ResultPane() {
        setId("lookup-result");
        getStyleClass().add("lookup-result");
        setFitToWidth(true);
        content.setPadding(new Insets(10, 12, 12, 12));
        setContent(content);
        show(null);
    }

    void show(LookupResult result) {
        content.getChildren().clear();
        if (result == null) {
            Label hint = new Label("Type a name above and press Enter. Pick a pod under “as pod” to see the queries"
                    + " that pod's resolver sends for it, one by one.");
            hint.getStyleClass().add("placeholder");
            hint.setWrapText(true);
            content.getChildren().add(hint);
        } else if (result instanceof LookupResult.Direct d) {
            direct(d);
        } else if (result instanceof LookupResult.AsPod p) {
            asPod(p);
        }
        setVvalue(0);
    }

    private void direct(LookupResult.Direct d) {
        QuestionResult r = d.result();
        Label question = new Label(Texts.relative(r.question().name()) + "  " + r.question().type().mnemonic());
        question.getStyleClass().addAll("result-question", "mono");
        HBox head = new HBox(10, question, verdictPill(d));
        head.setAlignment(Pos.CENTER_LEFT);
        content.getChildren().add(head);
        if (!d.note().isEmpty()) {
            content.getChildren().add(note(d.note()));
        }
        for (ReplicaResult rr : r.replicas()) {
            content.getChildren().add(replica(rr));
        }
        content.getChildren().add(prediction(r.predicted()));
    }

    private Node verdictPill(LookupResult.Direct d) {
        Label pill = new Label();
        pill.setId("lookup-verdict");
        pill.getStyleClass().add("pill");
        if (!d.asked()) {
            pill.setText("prediction only");
            pill.getStyleClass().add("pill-quiet");
        } else if (d.replicasDisagree()) {
            pill.setText("replicas disagree");
            pill.getStyleClass().add("pill-error");
        } else if (d.result().allAgree()) {
            int n = d.result().replicas().size();
            pill.setText(n == 1 ? "as predicted" : "as predicted on " + n + " replicas");
            pill.getStyleClass().add("pill-ok");
        } else {
            boolean anyAnswer = d.result().replicas().stream().anyMatch(x -> x.live().isPresent());
            pill.setText(anyAnswer ? "differs from the prediction" : "not asked");
            pill.getStyleClass().add(anyAnswer ? "pill-error" : "pill-warning");
        }
        return pill;
    }

    private Node replica(ReplicaResult rr) {
        FontIcon icon = (rr.live().isEmpty() ? Icons.WARNING : rr.agrees() ? Icons.SAME : Icons.DIFFERENT).create();
        icon.getStyleClass().add(rr.live().isEmpty() ? "severity-warning" : rr.agrees() ? "ok" : "bad");
        Label name = new Label(rr.shortName());
        name.getStyleClass().addAll("replica-name", "mono");
        Tooltip.install(name, new Tooltip(rr.replica()));
        HBox head = new HBox(8, icon, name);
        head.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(4, head);
        box.getStyleClass().addAll("answer-block", rr.agrees() ? "answer-plain" : "answer-disagree");
        if (rr.live().isEmpty()) {
            head.getChildren().add(status("no answer", "status-failed"));
            box.getChildren().add(note(rr.error().orElse("no answer")));
            return box;
        }
        Answer live = rr.live().get();
        head.getChildren().add(status(live.status().name(), statusClass(live.status())));
        if (!rr.roundTrip().isZero()) {
            head.getChildren().add(dim(Texts.roundTrip(rr.roundTrip())));
        }
        rr.verdict().ifPresent(v -> head.getChildren().add(dim(v.summary())));
        box.getChildren().addAll(sections(live));
        return box;
    }

    private Node prediction(Answer predicted) {
        FontIcon icon = Icons.DNS.create();
        Label name = new Label("model");
        name.getStyleClass().add("replica-name");
        HBox head = new HBox(8, icon, name, status(predicted.status().name(), statusClass(predicted.status())));
        head.setAlignment(Pos.CENTER_LEFT);
        if (predicted.incomplete()) {
            head.getChildren().add(dim("part of the answer lies outside the cluster"));
        }
        VBox box = new VBox(4, head);
        box.setId("lookup-prediction");
        box.getStyleClass().addAll("answer-block", "answer-model");
        box.getChildren().addAll(sections(predicted));
        if (predicted.answeredBy() != null) {
            Label by = new Label("Answered by " + predicted.answeredBy().text());
            by.setId("lookup-answered-by");
            by.getStyleClass().add("why");
            by.setWrapText(true);
            by.setMinHeight(Region.USE_PREF_SIZE);
            box.getChildren().add(by);
        }
        if (!predicted.explanation().isEmpty()) {
            Label why = new Label("Why: " + String.join(" ", predicted.explanation()));
            why.getStyleClass().add("why");
            why.setWrapText(true);
            why.setMinHeight(Region.USE_PREF_SIZE);
            box.getChildren().add(why);
        }
        return box;
    }

    private static List<Node> sections(Answer a) {
        VBox out = new VBox(2);
        if (!a.answer().isEmpty()) {
            out.getChildren().add(records(a.answer(), "answer-records"));
        }
        if (!a.additional().isEmpty()) {
            Label head = new Label("additional");
            head.getStyleClass().add("section-label");
            out.getChildren().addAll(head, records(a.additional(), "additional-records"));
        }
        return out.getChildren().isEmpty() ? List.of() : List.of(out);
    }

    private static Label records(List<ResourceRecord> records, String styleClass) {
        Label l = new Label(records.stream().map(ResourceRecord::text).collect(Collectors.joining("\n")));
        l.getStyleClass().addAll("records", "mono", styleClass);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    private void asPod(LookupResult.AsPod p) {
        Label title = new Label("From pod " + p.pod() + ": " + p.name());
        title.getStyleClass().addAll("result-question");
        String conf = p.conf().usesClusterDns()
                ? "ndots:" + p.conf().ndots() + " · " + p.conf().searchLine() + " · nameserver "
                        + String.join(" ", p.conf().nameservers())
                : "the node's resolver";
        Label sub = dim(p.model().resolver().label() + " · " + conf + (p.live().isPresent() ? " · asked " + p.replica() : ""));
        sub.setWrapText(true);
        content.getChildren().addAll(title, sub);
        if (!p.note().isEmpty()) {
            content.getChildren().add(note(p.note()));
        }
        if (p.answeredByHostsFirst()) {
            hostsAnswer(p);
            return;
        }
        GridPane grid = new GridPane();
        grid.setId("walk");
        grid.getStyleClass().add("walk");
        grid.setHgap(12);
        grid.setVgap(3);
        String[] heads = {"#", "name tried", "type", p.live().isPresent() ? "live" : "", "model", "then"};
        for (int c = 0; c < heads.length; c++) {
            Label h = new Label(heads[c]);
            h.getStyleClass().add("section-label");
            grid.add(h, c, 0);
        }
        int row = 1;
        List<WalkRow> rows = p.rows();
        for (WalkRow w : rows) {
            grid.add(dim(String.valueOf(w.number())), 0, row);
            Label n = new Label(Texts.relative(w.query().question().name()));
            n.getStyleClass().add("mono");
            if (w.step().verdict() == Step.Verdict.ANSWERED && w.query().status().isSuccess()) {
                n.getStyleClass().add("walk-answer");
            }
            grid.add(n, 1, row);
            grid.add(dim(w.query().question().type().mnemonic()), 2, row);
            if (p.live().isPresent()) {
                Label live = status(w.query().status().name(), statusClass(w.query().status()));
                if (w.live() != null) {
                    live.setTooltip(new Tooltip(w.live().replicas().stream()
                            .map(r -> r.shortName() + ": " + r.live().map(a -> a.status() + " "
                                    + a.answer().stream().map(x -> x.data().text()).collect(Collectors.joining(", ")))
                                    .orElse(r.error().orElse("no answer")))
                            .collect(Collectors.joining("\n"))));
                }
                grid.add(live, 3, row);
            }
            Status model = w.modelStatus();
            Label m = status(model == null ? "?" : model.name(), model == null ? "status-other" : statusClass(model));
            if (p.live().isPresent() && model != null && model != Status.FORWARDED && model != Status.NOT_MODELLED && model != w.query().status()) {
                m.getStyleClass().add("differs");
            }
            grid.add(m, 4, row);
            boolean last = w == rows.get(rows.size() - 1);
            Label then = dim(last && w.step().verdict() == Step.Verdict.CONTINUED ? "no name left" : then(w.step()));
            then.setTooltip(new Tooltip(w.step().explanation()));
            grid.add(then, 5, row);
            row++;
        }
        content.getChildren().add(grid);
        Walk shown = p.shown();
        Label amplification = new Label(shown.amplification().sentence("from pod " + p.pod()).replace("`", ""));
        amplification.getStyleClass().add("amplification");
        amplification.setWrapText(true);
        content.getChildren().add(amplification);
        List<String> why = new ArrayList<>(p.hostsWhy());
        why.addAll(shown.explanation());
        if (!p.conf().explanation().isEmpty()) {
            why.addAll(p.conf().explanation());
        }
        if (!why.isEmpty()) {
            Label w = new Label("Why: " + String.join(" ", why));
            w.getStyleClass().add("why");
            w.setWrapText(true);
            w.setMinHeight(Region.USE_PREF_SIZE);
            content.getChildren().add(w);
        }
    }

    /** The pod's /etc/hosts answered before DNS: its lines instead of a walk. */
    private void hostsAnswer(LookupResult.AsPod p) {
        Label head = new Label("Answered from /etc/hosts: no DNS query is sent");
        head.setId("hosts-answer");
        head.getStyleClass().add("amplification");
        content.getChildren().add(head);
        Label lines = new Label(p.hosts().found().stream()
                .map(e -> e.address() + "\t" + p.name() + "   (" + e.origin().description() + ")")
                .collect(Collectors.joining("\n")));
        lines.getStyleClass().addAll("records", "mono");
        lines.setMinHeight(Region.USE_PREF_SIZE);
        content.getChildren().add(lines);
        Label w = new Label("Why: " + String.join(" ", p.hostsWhy()));
        w.getStyleClass().add("why");
        w.setWrapText(true);
        w.setMinHeight(Region.USE_PREF_SIZE);
        content.getChildren().add(w);
    }

    private static String then(Step s) {
        return switch (s.verdict()) {
            case ANSWERED -> "answer";
            case CONTINUED -> "next name";
            case SKIPPED -> "not sent";
            case SEARCH_ABANDONED -> "search abandoned";
            case STOPPED -> "gives up";
            case UNKNOWN -> "upstream decides";
        };
    }

    private static Label status(String text, String styleClass) {
        Label l = new Label(text);
        l.getStyleClass().addAll("status", styleClass);
        return l;
    }

    static String statusClass(Status s) {
        return switch (s) {
            case NOERROR -> "status-ok";
            case NXDOMAIN, NODATA -> "status-negative";
            case FORWARDED, NOT_MODELLED -> "status-other";
            default -> "status-failed";
        };
    }

    private static Label dim(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("dim");
        return l;
    }

    private static Label note(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("inline-message");
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }
}
