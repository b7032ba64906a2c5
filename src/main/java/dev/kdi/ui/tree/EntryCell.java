package dev.kdi.ui.tree;

import dev.kdi.records.lint.Finding;
import dev.kdi.records.lint.Severity;
import dev.kdi.records.objects.Provisional;
import dev.kdi.ui.common.Icons;
import dev.kdi.ui.common.MiddleElision.ElidedLabel;
import dev.kdi.ui.common.ProvisionalTexts;
import dev.kdi.ui.common.Texts;
import dev.kdi.ui.inventory.Badge;
import dev.kdi.ui.inventory.Entry.EndpointEntry;
import dev.kdi.ui.inventory.Entry.NamespaceEntry;
import dev.kdi.ui.inventory.Entry.PodEntry;
import dev.kdi.ui.inventory.Entry.PodGroupEntry;
import dev.kdi.ui.inventory.Entry.ServiceEntry;
import dev.kdi.ui.inventory.Entry;
import dev.kdi.ui.inventory.Inventory;
import dev.kdi.ui.inventory.ServiceKind;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One row: kind icon, name, DNS name (cut in the middle when narrow, whole on hover), a count,
 * and the badge of the worst finding on or below it. Its nodes are made once and reused.
 */
final class EntryCell extends TreeCell<Entry> {
    // Pseudo-classes, not style classes: switching them re-matches rules without rebuilding the
    // cell's styles, which is what keeps scrolling through thousands of rows cheap.
    private static final PseudoClass READY = PseudoClass.getPseudoClass("ready");
    private static final PseudoClass NOT_READY = PseudoClass.getPseudoClass("not-ready");
    private static final PseudoClass NOT_SERVED = PseudoClass.getPseudoClass("not-served");
    private static final PseudoClass BROKEN = PseudoClass.getPseudoClass("broken");
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");

    private static final PseudoClass ADDED = PseudoClass.getPseudoClass("added");
    private static final PseudoClass REMOVED = PseudoClass.getPseudoClass("removed");
    private static final PseudoClass CHANGED = PseudoClass.getPseudoClass("changed");

    private final Supplier<Inventory> view;
    private final Function<Entry, String> marks;
    /** The change overlay's mark: a glyph and a word, so that it does not rest on colour. */
    private final Label change = new Label();
    private final FontIcon icon = new FontIcon();
    private final Label name = new Label();
    private final ElidedLabel fqdn = new ElidedLabel();
    private final Label count = new Label();
    private final FontIcon badge = new FontIcon();
    private final HBox box = new HBox(6, icon, name, fqdn, count, badge, change);
    private final Tooltip tooltip = new Tooltip();

    /**
     * @param marks the change overlay's mark of a row: {@code +}, {@code -}, {@code ~}, or empty
     */
    EntryCell(Supplier<Inventory> view, Function<Entry, String> marks) {
        this.view = view;
        this.marks = marks;
        change.getStyleClass().add("change-mark");
        change.setMinWidth(Region.USE_PREF_SIZE);
        change.managedProperty().bind(change.visibleProperty());
        change.setVisible(false);
        getStyleClass().add("entry-cell");
        icon.getStyleClass().addAll("icon", "entry-icon");
        name.getStyleClass().add("entry-name");
        name.setMinWidth(Region.USE_PREF_SIZE);
        fqdn.getStyleClass().addAll("entry-fqdn", "mono");
        fqdn.setMinWidth(0);
        fqdn.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(fqdn, Priority.ALWAYS);
        count.getStyleClass().add("entry-count");
        count.setMinWidth(Region.USE_PREF_SIZE);
        badge.getStyleClass().addAll("icon", "entry-badge");
        box.setAlignment(Pos.CENTER_LEFT);
        box.setMinWidth(0);
        badge.setIconLiteral(Icons.WARNING.code());
        icon.setIconLiteral(Icons.NAMESPACE.code());
        // Hidden parts keep their place empty rather than leave it: no relayout of the row.
        count.managedProperty().bind(count.visibleProperty());
        badge.managedProperty().bind(badge.visibleProperty());
        setGraphic(box);
        // Cells as wide as the tree, not as their text: the DNS name gives way first.
        setPrefWidth(0);
        tooltip.setShowDelay(Duration.millis(350));
        tooltip.setShowDuration(Duration.seconds(30));
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(640);
        tooltip.setOnShowing(e -> tooltip.setText(describe(getItem())));
    }

    @Override
    protected void updateItem(Entry entry, boolean empty) {
        super.updateItem(entry, empty);
        setText(null);
        if (empty || entry == null) {
            // The graphic stays and hides: taking it away and back would restyle it each time.
            box.setVisible(false);
            setTooltip(null);
            change.setVisible(false);
            // The skin leaves an emptied row's arrow as it was; an empty row has nothing to open.
            if (getDisclosureNode() != null) {
                getDisclosureNode().setVisible(false);
            }
            return;
        }
        box.setVisible(true);
        String literal = icon(entry).code();
        if (!literal.equals(icon.getIconLiteral())) {
            icon.setIconLiteral(literal);
        }
        boolean endpointOrPod = entry instanceof EndpointEntry || entry instanceof PodEntry;
        boolean ready = entry instanceof EndpointEntry ep ? ep.ready() : entry instanceof PodEntry p && p.pod().ready();
        icon.pseudoClassStateChanged(READY, endpointOrPod && ready);
        icon.pseudoClassStateChanged(NOT_READY, endpointOrPod && !ready);
        fqdn.pseudoClassStateChanged(NOT_READY, endpointOrPod && !ready);
        fqdn.pseudoClassStateChanged(NOT_SERVED, entry instanceof NamespaceEntry ns && !ns.exposed());
        fqdn.pseudoClassStateChanged(BROKEN, entry instanceof PodEntry p && !p.hostnameFqdn().isEmpty()
                && !p.hostnameResolves());
        name.setText(entry.name());
        fqdn.setFullText(fqdnText(entry));
        String c = countText(entry);
        count.setText(c);
        count.setVisible(!c.isEmpty());
        Badge b = entry.badge();
        badge.setVisible(b != Badge.NONE);
        badge.pseudoClassStateChanged(ERROR, b == Badge.ERROR);
        badge.pseudoClassStateChanged(WARNING, b == Badge.WARNING);
        String badgeLiteral = (b == Badge.ERROR ? Icons.ERROR : Icons.WARNING).code();
        if (b != Badge.NONE && !badgeLiteral.equals(badge.getIconLiteral())) {
            badge.setIconLiteral(badgeLiteral);
        }
        String mark = marks.apply(entry);
        change.setVisible(!mark.isEmpty());
        change.setText(switch (mark) {
            case "+" -> "+ added";
            case "-" -> "\u2212 removed";
            case "~" -> "~ changed";
            default -> "";
        });
        change.pseudoClassStateChanged(ADDED, mark.equals("+"));
        change.pseudoClassStateChanged(REMOVED, mark.equals("-"));
        change.pseudoClassStateChanged(CHANGED, mark.equals("~"));
        setTooltip(tooltip);
    }

    static Icons icon(Entry entry) {
        if (entry instanceof NamespaceEntry) {
            return Icons.NAMESPACE;
        }
        if (entry instanceof ServiceEntry s) {
            return switch (s.serviceKind()) {
                case CLUSTER_IP -> Icons.SERVICE_CLUSTER_IP;
                case HEADLESS -> Icons.SERVICE_HEADLESS;
                case EXTERNAL_NAME -> Icons.SERVICE_EXTERNAL_NAME;
                case NODE_PORT -> Icons.SERVICE_NODE_PORT;
                case LOAD_BALANCER -> Icons.SERVICE_LOAD_BALANCER;
            };
        }
        if (entry instanceof EndpointEntry) {
            return Icons.ENDPOINT;
        }
        if (entry instanceof PodGroupEntry) {
            return Icons.PODS;
        }
        return Icons.POD;
    }

    private String fqdnText(Entry entry) {
        if (entry instanceof NamespaceEntry ns) {
            return ns.exposed() ? "" : "not served by the cluster DNS";
        }
        if (entry instanceof ServiceEntry s && s.serviceKind() == ServiceKind.EXTERNAL_NAME) {
            return s.fqdn() + " → " + (s.service().externalName() == null ? "?" : s.service().externalName());
        }
        if (entry instanceof PodEntry p && p.fqdn().isEmpty()) {
            return p.pod().primaryIp() == null ? "no address yet"
                    : ProvisionalTexts.address(p.pod().primaryIp(), provisional());
        }
        return entry.fqdn();
    }

    private Provisional provisional() {
        Inventory v = view.get();
        return v == null ? Provisional.NONE : v.model().snapshot().provisional();
    }

    private String countText(Entry entry) {
        if (entry instanceof NamespaceEntry ns) {
            if (ns.services() == 0 && ns.pods() == 0) {
                return "empty";
            }
            return Texts.count(ns.services(), "Service", "Services") + " · " + Texts.count(ns.pods(), "pod", "pods");
        }
        if (entry instanceof ServiceEntry s) {
            if (s.serviceKind() == ServiceKind.EXTERNAL_NAME) {
                return "";
            }
            int total = s.endpoints().size();
            return total == s.readyEndpoints() ? String.valueOf(total) : s.readyEndpoints() + "/" + total;
        }
        if (entry instanceof PodGroupEntry g) {
            return g.ready() == g.count() ? Texts.count(g.count()) : g.ready() + "/" + Texts.count(g.count()) + " ready";
        }
        if (entry instanceof PodEntry p) {
            return ProvisionalTexts.treeMark(p.pod(), provisional());
        }
        return "";
    }

    /** The hover text: the whole name, what the row is, and why it carries a badge. */
    private String describe(Entry entry) {
        if (entry == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        if (!entry.fqdn().isEmpty()) {
            sb.append(entry.fqdn()).append('\n');
        }
        if (entry instanceof NamespaceEntry ns) {
            sb.append("Namespace ").append(ns.name()).append(": ").append(countText(ns));
            if (!ns.exposed()) {
                sb.append("\nThe Corefile's kubernetes plugin lists other namespaces: none of these names resolve.");
            }
        } else if (entry instanceof ServiceEntry s) {
            sb.append(s.serviceKind().label()).append(" Service ").append(s.service().namespace()).append('/')
                    .append(s.name());
            if (!s.service().clusterIPs().isEmpty() && !s.service().isHeadless()) {
                sb.append(" · ").append(ProvisionalTexts.addresses(s.service().clusterIPs(), provisional()));
            }
            if (s.serviceKind() != ServiceKind.EXTERNAL_NAME) {
                sb.append(" · ").append(s.readyEndpoints()).append(" of ").append(s.endpoints().size())
                        .append(" endpoints ready");
            }
        } else if (entry instanceof EndpointEntry ep) {
            sb.append("Endpoint ").append(ProvisionalTexts.address(ep.address(), provisional()));
            if (ep.targetPod() != null) {
                sb.append(" · pod ").append(ep.targetPod());
            }
            sb.append(ep.ready() ? " · ready" : " · not ready: left out of DNS until ready");
        } else if (entry instanceof PodGroupEntry g) {
            sb.append(Texts.count(g.count(), "pod", "pods")).append(" in ").append(g.namespace()).append(", ")
                    .append(g.ready()).append(" ready");
        } else if (entry instanceof PodEntry p) {
            sb.append("Pod ").append(p.namespace()).append('/').append(p.name()).append(" · ")
                    .append(p.pod().primaryIp() == null ? "no address yet"
                            : ProvisionalTexts.addresses(p.pod().ips(), provisional()))
                    .append(p.pod().ready() ? " · ready" : " · not ready");
            String generated = ProvisionalTexts.generated(p.pod(), provisional());
            if (!generated.isEmpty()) {
                sb.append("\n").append(generated.substring(0, 1).toUpperCase(java.util.Locale.ROOT))
                        .append(generated.substring(1)).append(": the manifests hold its template, not the pod.");
            }
            if (!p.hostnameFqdn().isEmpty() && !p.hostnameResolves()) {
                sb.append("\nIts hostname.subdomain name does not resolve: see the finding below.");
            }
            if (!p.hostnameFqdn().isEmpty() && !p.podRecordFqdn().isEmpty() && p.podRecordsServed()) {
                sb.append("\nalso ").append(p.podRecordFqdn());
            }
        }
        if (entry.badge() != Badge.NONE && view.get() != null) {
            List<Finding> findings = view.get().findingsOf(entry);
            int shown = 0;
            for (Finding f : findings) {
                if (f.severity() == Severity.INFO) {
                    continue;
                }
                sb.append("\n\n").append(f.severity() == Severity.ERROR ? "Error: " : "Warning: ")
                        .append(f.message());
                if (++shown == 3) {
                    break;
                }
            }
        }
        return sb.toString();
    }
}
