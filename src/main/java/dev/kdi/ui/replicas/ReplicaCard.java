package dev.kdi.ui.replicas;

import dev.kdi.session.HealthReport;
import dev.kdi.session.HealthReport.Endpoint;
import dev.kdi.session.HealthReport.EndpointState;
import dev.kdi.ui.common.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * One replica's card: name and badge, what its pod and endpoints said, its latest rates in large
 * figures, two small charts over the session (queries per second; SERVFAIL and NXDOMAIN shares)
 * and its own findings. Made once per replica and updated in place.
 */
final class ReplicaCard extends VBox {
    static final double WIDTH = 350;

    private final Label name = new Label();
    private final Label badge = new Label();
    private final Label where = new Label();
    private final Label version = new Label();
    private final Label cache = new Label();
    private final Label restarts = new Label();
    private final Label health = new Label();
    private final Label ready = new Label();
    private final Label metrics = new Label();
    private final HBox endpoints = new HBox(4);
    private final Label rate = new Label();
    private final Label servfail = new Label();
    private final Label nxdomain = new Label();
    private final XYChart.Series<Number, Number> requests = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> servfails = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> nxdomains = new XYChart.Series<>();
    private final VBox findings = new VBox(4);

    ReplicaCard() {
        super(6);
        getStyleClass().add("kdi-replica-card");
        setPrefWidth(WIDTH);
        setMaxWidth(WIDTH);

        name.getStyleClass().add("kdi-replica-name");
        name.setMinWidth(0);
        badge.getStyleClass().addAll("pill", "kdi-replica-badge");
        badge.setMinWidth(Region.USE_PREF_SIZE);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(6, name, gap, badge);
        header.setAlignment(Pos.CENTER_LEFT);
        where.getStyleClass().add("dim");

        GridPane facts = new GridPane();
        facts.getStyleClass().add("kdi-replica-facts");
        facts.setHgap(10);
        facts.setVgap(3);
        for (Label e : List.of(health, ready, metrics)) {
            e.getStyleClass().addAll("pill", "kdi-replica-endpoint");
            e.setMinWidth(Region.USE_PREF_SIZE);
        }
        endpoints.getChildren().setAll(health, ready, metrics);
        int row = 0;
        for (Object[] f : new Object[][] {{"Version", version}, {"Cache", cache}, {"Restarts", restarts},
            {"Endpoints", endpoints}}) {
            Label key = new Label((String) f[0]);
            key.getStyleClass().add("dim");
            key.setMinWidth(Region.USE_PREF_SIZE);
            Node value = (Node) f[1];
            if (value instanceof Label l) {
                l.setWrapText(true);
            }
            if (value == cache) {
                // Only kube-dns's sidecar reports a cache this way; CoreDNS's cards keep their rows.
                for (Node n : List.of(key, value)) {
                    n.visibleProperty().bind(cache.textProperty().isNotEmpty());
                    n.managedProperty().bind(n.visibleProperty());
                }
            }
            facts.addRow(row++, key, value);
        }

        // The captions take their series' colours: they are the charts' legend.
        HBox figures = new HBox(8, figure(rate, "queries/s", "rate"), figure(servfail, "SERVFAIL", "servfail"),
                figure(nxdomain, "NXDOMAIN", "nxdomain"));
        figures.getStyleClass().add("kdi-replica-figures");

        requests.setName("queries/s");
        servfails.setName("SERVFAIL %");
        nxdomains.setName("NXDOMAIN %");
        AreaChart<Number, Number> rateChart = new AreaChart<>(timeAxis(), valueAxis("queries/s"));
        rateChart.getData().add(requests);
        rateChart.setLegendVisible(false);
        LineChart<Number, Number> shareChart = new LineChart<>(timeAxis(), valueAxis("% of replies"));
        shareChart.getData().add(servfails);
        shareChart.getData().add(nxdomains);
        shareChart.setCreateSymbols(false);
        shareChart.setLegendVisible(false);
        for (XYChart<Number, Number> chart : List.of(rateChart, shareChart)) {
            chart.setAnimated(false);
            chart.setPrefHeight(110);
            chart.setMinHeight(110);
            chart.getStyleClass().add("kdi-replica-chart");
        }
        rateChart.setCreateSymbols(false);
        rateChart.getStyleClass().add("rate");
        shareChart.getStyleClass().add("shares");

        findings.getStyleClass().add("kdi-replica-findings");
        getChildren().addAll(header, where, facts, figures, rateChart, shareChart, findings);
    }

    private static VBox figure(Label value, String caption, String series) {
        value.getStyleClass().add("kdi-replica-figure");
        Label under = new Label(caption);
        under.getStyleClass().addAll("kdi-replica-figure-caption", series);
        VBox box = new VBox(0, value, under);
        box.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setMaxWidth(Double.MAX_VALUE);
        return box;
    }

    private static NumberAxis timeAxis() {
        NumberAxis axis = new NumberAxis();
        axis.setForceZeroInRange(false);
        axis.setMinorTickVisible(false);
        axis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number seconds) {
                double exact = seconds.doubleValue();
                long s = Math.round(exact);
                // Ticks between whole seconds would round to a label the next tick repeats.
                if (Math.abs(exact - s) > 0.01) {
                    return "";
                }
                return s < 60 ? s + "s" : (s / 60) + "m" + (s % 60 == 0 ? "" : String.format("%02d", s % 60));
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException("the axis is never edited");
            }
        });
        return axis;
    }

    private static NumberAxis valueAxis(String label) {
        NumberAxis axis = new NumberAxis();
        axis.setMinorTickVisible(false);
        Tooltip.install(axis, new Tooltip(label));
        return axis;
    }

    void show(ReplicasModel.ReplicaView v) {
        HealthReport.Replica r = v.replica();
        String pod = r.id().substring(r.id().indexOf('/') + 1);
        name.setText(pod);
        name.setTooltip(new Tooltip(r.id()));
        long warnings = v.findings().stream().filter(f -> f.severity() == HealthReport.Severity.WARNING).count();
        badge.setText(v.verdict() == ReplicasModel.Verdict.WARNINGS ? Texts.count(warnings, "warning", "warnings")
                : v.verdict().toString());
        badge.getStyleClass().removeIf(c -> c.startsWith("pill-"));
        badge.getStyleClass().add(switch (v.verdict()) {
            case HEALTHY -> "pill-ok";
            case WARNINGS, NOT_READY -> "pill-warning";
            case UNHEALTHY, UNREACHABLE -> "pill-error";
        });
        where.setText((r.node().isEmpty() ? "node unknown" : "on " + r.node()) + " · "
                + r.id().substring(0, Math.max(0, r.id().indexOf('/'))));
        if (r.kubeDns().isPresent()) {
            kubeDns(r.kubeDns().get(), r.metrics());
        } else {
            version.setText(r.counters().map(c -> c.version().isEmpty() ? "not in /metrics" : "CoreDNS " + c.version())
                    .orElse(r.metrics().state() == EndpointState.OK ? "not CoreDNS: " + r.metrics().detail()
                            : "unknown (no /metrics)"));
            version.setTooltip(null);
            cache.setText("");
        }
        restarts.setText(r.restarts() < 0 ? "unknown (the pod could not be read)" : r.restarts()
                + (r.lastTermination().isEmpty() ? "" : " · last " + r.lastTermination()));
        restarts.getStyleClass().remove("bad");
        if (r.restarts() > 0) {
            restarts.getStyleClass().add("bad");
        }
        endpoint(health, r.health());
        endpoint(ready, r.ready());
        endpoint(metrics, r.metrics());
        if (v.rates().isPresent()) {
            HealthReport.Rates x = v.rates().get();
            rate.setText(number(x.requestsPerSecond()));
            servfail.setText(percent(x.servfailShare()));
            nxdomain.setText(percent(x.nxdomainShare()));
        } else {
            rate.setText("–");
            servfail.setText("–");
            nxdomain.setText("–");
        }
        mark(servfail, v.rates().map(HealthReport.Rates::servfailShare).orElse(0.0) >= 0.05);

        List<XYChart.Data<Number, Number>> q = new ArrayList<>();
        List<XYChart.Data<Number, Number>> sf = new ArrayList<>();
        List<XYChart.Data<Number, Number>> nx = new ArrayList<>();
        for (ReplicasModel.Point p : v.history()) {
            q.add(new XYChart.Data<>(p.seconds(), p.requestsPerSecond()));
            sf.add(new XYChart.Data<>(p.seconds(), p.servfailPercent()));
            nx.add(new XYChart.Data<>(p.seconds(), p.nxdomainPercent()));
        }
        requests.getData().setAll(q);
        servfails.getData().setAll(sf);
        nxdomains.getData().setAll(nx);

        List<Node> rows = new ArrayList<>();
        for (HealthReport.Finding f : v.findings()) {
            rows.add(ReplicasView.findingRow(f, true));
        }
        if (rows.isEmpty()) {
            Label none = new Label("No findings.");
            none.getStyleClass().add("dim");
            rows.add(none);
        }
        findings.getChildren().setAll(rows);
    }

    /**
     * kube-dns has no build info: its version is its images' tag, one when its three containers
     * agree (they are released together), each container's otherwise. Its sidecar's /metrics holds
     * dnsmasq's cache, which gets a row of its own.
     */
    private void kubeDns(HealthReport.KubeDns k, Endpoint metrics) {
        if (k.images().isEmpty()) {
            version.setText("kube-dns (images unknown: the pod could not be read)");
        } else {
            version.setText("kube-dns " + k.sharedTag().orElseGet(() -> String.join(", ", k.images().entrySet().stream()
                    .map(e -> e.getKey() + " " + tagOrImage(e.getValue())).toList())));
        }
        version.setTooltip(k.images().isEmpty() ? null : new Tooltip(String.join("\n", k.images().entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).toList())));
        cache.setText(k.cache().map(c -> {
            double share = c.hitShare();
            // One line on the card: the tooltip says whose cache and since when.
            return Texts.count(c.hits()) + " hits, " + Texts.count(c.misses()) + " misses"
                    + (Double.isNaN(share) ? "" : " (" + percent(share) + ")") + " · "
                    + Texts.count(c.evictions(), "eviction", "evictions") + " · size " + Texts.count(c.size());
        }).orElse("unknown (" + metrics.path() + " " + switch (metrics.state()) {
            case OK, FAILING -> "answered " + metrics.status();
            case NOT_SERVED -> "not served";
            case NOT_CONFIGURED -> "off";
            case UNREACHABLE -> "unreachable";
        } + ")"));
        cache.setTooltip(new Tooltip("dnsmasq's cache since dnsmasq started, as the sidecar's " + metrics.path()
                + " on port " + metrics.port() + " says"));
    }

    private static String tagOrImage(String image) {
        String tag = HealthReport.KubeDns.tag(image);
        return tag.isEmpty() ? image : tag;
    }

    /** A pill per endpoint: its path and status, green when 2xx, red when not; the detail on hover. */
    private static void endpoint(Label label, Endpoint e) {
        String detail = switch (e.state()) {
            case OK, FAILING -> e.status() + (e.detail().isEmpty() ? "" : " " + e.detail());
            case NOT_SERVED -> "nothing listens on port " + e.port();
            case NOT_CONFIGURED -> "not configured: the Corefile has no such plugin";
            case UNREACHABLE -> "unreachable: " + e.detail();
        };
        String brief = switch (e.state()) {
            case OK, FAILING -> String.valueOf(e.status());
            case NOT_SERVED -> "not served";
            case NOT_CONFIGURED -> "off";
            case UNREACHABLE -> "unreachable";
        };
        label.setText(e.path() + " " + brief);
        label.setTooltip(new Tooltip(e.path() + (e.port() > 0 ? " on port " + e.port() : "") + ": " + detail));
        label.getStyleClass().removeAll("pill-ok", "pill-error", "pill-quiet");
        label.getStyleClass().add(switch (e.state()) {
            case OK -> "pill-ok";
            case NOT_CONFIGURED -> "pill-quiet";
            case FAILING, NOT_SERVED, UNREACHABLE -> "pill-error";
        });
    }

    private static void mark(Label label, boolean bad) {
        label.getStyleClass().remove("bad");
        if (bad) {
            label.getStyleClass().add("bad");
        }
    }

    static String number(double perSecond) {
        if (perSecond >= 100) {
            return Texts.count(Math.round(perSecond));
        }
        return String.format(Locale.ROOT, perSecond >= 10 ? "%.0f" : "%.1f", perSecond);
    }

    static String percent(double share) {
        double p = 100 * share;
        return p == 0 ? "0%" : String.format(Locale.ROOT, p < 10 ? "%.1f%%" : "%.0f%%", p);
    }
}
