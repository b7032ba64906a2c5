package dev.kdi.cli;

import dev.kdi.records.diff.ChangeReport;
import dev.kdi.records.diff.DnsDiff;
import dev.kdi.records.diff.NameChange;
import dev.kdi.records.diff.Rejection;
import dev.kdi.records.lint.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** The three forms of {@code kdi diff}'s report: text, JSON and a Markdown table. */
final class DiffOutput {
    /** {@code -o} of {@code kdi diff}. */
    enum Format {
        TEXT, JSON, MARKDOWN
    }

    static final String HEURISTIC = "breaking is a heuristic: the name is removed or changed and another object "
            + "refers to it (an ExternalName target, or an FQDN or svc.ns form in container env, args or a ConfigMap "
            + "value); references it cannot see (short names, names built at run time) are not marked";

    // ---- text

    String text(ChangeReport report) {
        StringBuilder out = new StringBuilder();
        names(out, report.diff());
        findings(out, report.diff());
        if (!report.rejected().isEmpty()) {
            out.append("rejected\n");
            for (Rejection r : report.rejected()) {
                out.append("  ! ").append(r.text()).append('\n');
            }
            report.recreate().ifPresent(d -> {
                out.append("if the rejected objects are deleted and recreated\n");
                StringBuilder inner = new StringBuilder();
                names(inner, d);
                findings(inner, d);
                inner.append(d.summary()).append('\n');
                inner.toString().lines().forEach(l -> out.append("  ").append(l).append('\n'));
            });
        }
        report.corefile().ifPresent(c -> out.append("corefile: ").append(c.text()).append('\n'));
        if (report.diff().changes().stream().anyMatch(NameChange::breaking)
                || report.recreate().map(d -> d.changes().stream().anyMatch(NameChange::breaking)).orElse(false)) {
            out.append("; ").append(HEURISTIC).append('\n');
        }
        out.append(report.diff().summary()).append('\n');
        return out.toString();
    }

    private static void names(StringBuilder out, DnsDiff diff) {
        String namespace = null;
        String object = null;
        for (NameChange c : diff.changes()) {
            if (!c.namespace().equals(namespace)) {
                namespace = c.namespace();
                object = null;
                out.append(namespace.isEmpty() ? "(cluster-wide)" : "namespace " + namespace).append('\n');
            }
            String o = c.object() == null ? "(no object)" : c.object().kind() + " " + c.object().name();
            if (!o.equals(object)) {
                object = o;
                out.append("  ").append(o).append('\n');
            }
            out.append("    ").append(c.kind().mark()).append(' ').append(c.name()).append(' ')
                    .append(c.type().mnemonic()).append("  ").append(answer(c)).append('\n');
            if (c.breaking()) {
                out.append("      breaking (heuristic): referred to by ").append(String.join(", ", c.referredBy()))
                        .append('\n');
            }
        }
    }

    private static String answer(NameChange c) {
        return switch (c.kind()) {
            case ADDED -> c.after();
            case REMOVED -> c.before() + "  (now " + c.after() + ")";
            case CHANGED -> c.before() + " \u2192 " + c.after();
        };
    }

    private static void findings(StringBuilder out, DnsDiff diff) {
        if (diff.newFindings().isEmpty() && diff.resolvedFindings().isEmpty()) {
            return;
        }
        out.append("findings\n");
        for (Finding f : diff.newFindings()) {
            out.append("  new      ").append(LintCommand.line(f)).append('\n');
        }
        for (Finding f : diff.resolvedFindings()) {
            out.append("  resolved ").append(LintCommand.line(f)).append('\n');
        }
    }

    // ---- JSON

    String json(ChangeReport report) {
        Json json = new Json();
        Map<String, Object> out = diffJson(report.diff(), json);
        List<Object> rejected = new ArrayList<>();
        for (Rejection r : report.rejected()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("object", json.refs(List.of(r.object())).get(0));
            m.put("field", r.field());
            m.put("before", r.before());
            m.put("after", r.after());
            m.put("reason", r.reason());
            rejected.add(m);
        }
        out.put("rejected", rejected);
        out.put("recreate", report.recreate().map(d -> (Object) diffJson(d, json)).orElse(null));
        out.put("corefile", report.corefile().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("before", c.before());
            m.put("after", c.after());
            m.put("reload", c.reloads());
            m.put("text", c.text());
            return (Object) m;
        }).orElse(null));
        return json.write(out) + "\n";
    }

    private static Map<String, Object> diffJson(DnsDiff diff, Json json) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (NameChange.Kind kind : NameChange.Kind.values()) {
            List<Object> list = new ArrayList<>();
            for (NameChange c : diff.changes()) {
                if (c.kind() == kind) {
                    list.add(change(c, json));
                }
            }
            out.put(kind.name().toLowerCase(Locale.ROOT), list);
        }
        Map<String, Object> findings = new LinkedHashMap<>();
        findings.put("new", diff.newFindings().stream().map(json::finding).toList());
        findings.put("resolved", diff.resolvedFindings().stream().map(json::finding).toList());
        out.put("findings", findings);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("added", diff.count(NameChange.Kind.ADDED));
        counts.put("removed", diff.count(NameChange.Kind.REMOVED));
        counts.put("changed", diff.count(NameChange.Kind.CHANGED));
        counts.put("newFindings", diff.newFindings().size());
        counts.put("resolvedFindings", diff.resolvedFindings().size());
        out.put("counts", counts);
        return out;
    }

    private static Map<String, Object> change(NameChange c, Json json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("type", c.type().mnemonic());
        m.put("before", c.before());
        m.put("after", c.after());
        m.put("namespace", c.namespace());
        m.put("object", c.object() == null ? null : json.refs(List.of(c.object())).get(0));
        if (c.breaking()) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("heuristic", true);
            b.put("referredBy", c.referredBy());
            m.put("breaking", b);
        } else {
            m.put("breaking", null);
        }
        return m;
    }

    // ---- Markdown

    String markdown(ChangeReport report) {
        StringBuilder out = new StringBuilder();
        out.append("**DNS diff** (kdi): ").append(report.diff().summary()).append("\n\n");
        table(out, report.diff());
        findingsMarkdown(out, report.diff());
        if (!report.rejected().isEmpty()) {
            out.append("**Rejected by the API server** (delete and recreate to apply):\n\n");
            for (Rejection r : report.rejected()) {
                out.append("- ").append(code(r.object() + " " + r.field())).append(' ').append(escape(r.before()))
                        .append(" \u2192 ").append(escape(r.after())).append(": ").append(escape(r.reason()))
                        .append('\n');
            }
            out.append('\n');
            report.recreate().ifPresent(d -> {
                out.append("**If deleted and recreated**: ").append(d.summary()).append("\n\n");
                table(out, d);
                findingsMarkdown(out, d);
            });
        }
        report.corefile().ifPresent(c -> out.append("**Corefile**: ").append(escape(c.text())).append("\n\n"));
        if (report.diff().changes().stream().anyMatch(NameChange::breaking)
                || report.recreate().map(d -> d.changes().stream().anyMatch(NameChange::breaking)).orElse(false)) {
            out.append("<sub>\u26a0 ").append(escape(HEURISTIC)).append(".</sub>\n");
        }
        return out.toString();
    }

    private static void table(StringBuilder out, DnsDiff diff) {
        if (diff.changes().isEmpty()) {
            return;
        }
        out.append("| | name | type | before | after | object |\n|---|---|---|---|---|---|\n");
        for (NameChange c : diff.changes()) {
            out.append("| ").append(c.kind().mark()).append(c.breaking() ? " \u26a0" : "").append(" | ")
                    .append(code(c.name())).append(" | ").append(c.type().mnemonic()).append(" | ")
                    .append(c.kind() == NameChange.Kind.ADDED ? "" : code(c.before())).append(" | ")
                    .append(c.kind() == NameChange.Kind.REMOVED ? "" : code(c.after())).append(" | ")
                    .append(c.object() == null ? "" : escape(c.object().toString()))
                    .append(c.breaking() ? " \u2014 breaking: " + escape(String.join(", ", c.referredBy())) : "")
                    .append(" |\n");
        }
        out.append('\n');
    }

    private static void findingsMarkdown(StringBuilder out, DnsDiff diff) {
        for (Finding f : diff.newFindings()) {
            out.append("- new finding ").append(code(f.code())).append(' ').append(escape(f.primary().toString()))
                    .append(": ").append(escape(f.message())).append('\n');
        }
        for (Finding f : diff.resolvedFindings()) {
            out.append("- resolved ").append(code(f.code())).append(' ').append(escape(f.primary().toString()))
                    .append('\n');
        }
        if (!diff.newFindings().isEmpty() || !diff.resolvedFindings().isEmpty()) {
            out.append('\n');
        }
    }

    /** A table cell in code: backticks inside are left out, pipes escaped. */
    private static String code(String s) {
        return "`" + Objects.toString(s, "").replace("`", "").replace("|", "\\|") + "`";
    }

    private static String escape(String s) {
        return Objects.toString(s, "").replace("|", "\\|").replace("<", "&lt;").replace("\n", " ");
    }
}
