package dev.kdi.ui.watch;

import dev.kdi.session.watch.WatchEvent;
import dev.kdi.session.watch.WatchTimeline;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;
import javafx.util.StringConverter;

/**
 * One watched name: a line per replica of its round trips over time (failures drawn at zero),
 * each point showing on hover exactly what came back; the API's events as vertical markers. The
 * aggregated past comes first, one point per bucket.
 */
final class TimelineChart extends LineChart<Number, Number> {
    /** Raw answers drawn per replica at most; older ones in the raw window are still in the summary. */
    static final int MAX_POINTS = 150;
    private static final String TIP = "kdi-watch-tip-text";

    private final List<Marker> markers = new ArrayList<>();
    /** One tooltip for every point: its text is the hovered point's, so a redraw installs nothing. */
    private final Tooltip tip = new Tooltip();
    private final DateTimeFormatter time;

    private record Marker(double x, Line line) {
    }

    TimelineChart(String name, ZoneId zone) {
        super(new NumberAxis(), new NumberAxis());
        this.time = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(zone);
        setTitle(name);
        setAnimated(false);
        setCreateSymbols(true);
        setLegendVisible(true);
        setMinHeight(220);
        setPrefHeight(240);
        getStyleClass().add("kdi-watch-chart");
        tip.getStyleClass().add("kdi-watch-tip");
        NumberAxis x = (NumberAxis) getXAxis();
        x.setForceZeroInRange(false);
        x.setAutoRanging(true);
        NumberAxis y = (NumberAxis) getYAxis();
        y.setLabel("round trip (ms)");
    }

    /** Draws the series of this chart's name from the timeline's series and API events. */
    void show(List<WatchTimeline.Series> series, List<WatchEvent> api, Instant origin) {
        NumberAxis x = (NumberAxis) getXAxis();
        x.setLabel("seconds since " + time.format(origin));
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return String.format(Locale.ROOT, "%.0f", n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                return Double.parseDouble(s);
            }
        });
        List<XYChart.Series<Number, Number>> lines = new ArrayList<>();
        for (WatchTimeline.Series s : series) {
            XYChart.Series<Number, Number> line = new XYChart.Series<>();
            String pod = s.key().replica().substring(s.key().replica().indexOf('/') + 1);
            line.setName(pod + (s.gone() ? " (gone)" : ""));
            for (WatchTimeline.Bucket b : s.aggregated()) {
                XYChart.Data<Number, Number> d = new XYChart.Data<>(seconds(origin, b.start()), b.meanRttMs());
                d.setExtraValue(b.failures() > 0 ? "failed" : b.differing() > 0 ? "differs" : "ok");
                d.setNode(point(
                        time.format(b.start()) + " – " + time.format(b.end()) + "  " + s.key().replica() + "\n"
                                + b.asked() + " asked, " + b.failures() + " failed, " + b.differing()
                                + " not as predicted\n" + String.format(Locale.ROOT, "mean %.2f ms, longest %.2f ms",
                                b.meanRttMs(), b.maxRttMs())));
                line.getData().add(d);
            }
            String previous = null;
            List<WatchEvent> raw = s.raw();
            int skip = Math.max(0, raw.size() - MAX_POINTS);
            if (skip > 0) {
                previous = raw.get(skip - 1).signature();
            }
            for (WatchEvent e : raw.subList(skip, raw.size())) {
                double rtt = e.rttMs() == null ? 0 : e.rttMs();
                XYChart.Data<Number, Number> d = new XYChart.Data<>(seconds(origin, e.time()), rtt);
                boolean change = !e.signature().equals(previous);
                previous = e.signature();
                String kind = e.isFailure() ? "failed" : Boolean.TRUE.equals(e.asPredicted()) ? "ok" : "differs";
                d.setExtraValue(change ? kind + " change" : kind);
                d.setNode(point(describe(e)));
                line.getData().add(d);
            }
            lines.add(line);
        }
        getData().setAll(lines);
        // The chart gives every symbol its own classes as it is added; ours go on after.
        for (XYChart.Series<Number, Number> line : lines) {
            for (XYChart.Data<Number, Number> d : line.getData()) {
                d.getNode().getStyleClass().add("kdi-watch-point");
                d.getNode().getStyleClass().addAll(((String) d.getExtraValue()).split(" "));
            }
        }
        getPlotChildren().removeAll(markers.stream().map(Marker::line).toList());
        markers.clear();
        for (WatchEvent e : api) {
            Line l = new Line();
            l.getStyleClass().add("kdi-watch-marker");
            l.setStrokeWidth(2);
            Tooltip.install(l, new Tooltip(time.format(e.time()) + "  " + e.event()));
            markers.add(new Marker(seconds(origin, e.time()), l));
            getPlotChildren().add(l);
        }
        requestChartLayout();
    }

    private static double seconds(Instant origin, Instant at) {
        return Duration.between(origin, at).toMillis() / 1000.0;
    }

    private String describe(WatchEvent e) {
        StringBuilder b = new StringBuilder(time.format(e.time())).append("  ").append(e.replica()).append('\n');
        if (e.rcode() == null) {
            b.append("no answer: ").append(e.event());
        } else {
            b.append(e.rcode());
            e.answers().forEach(a -> b.append('\n').append("  ").append(a));
            b.append('\n').append(String.format(Locale.ROOT, "%.2f ms", e.rttMs()))
                    .append(Boolean.TRUE.equals(e.asPredicted()) ? ", as predicted" : ", not as the model predicts");
        }
        return b.toString();
    }

    private Region point(String text) {
        Region r = new Region();
        r.getProperties().put(TIP, text);
        r.setOnMouseEntered(e -> tip.setText(text));
        Tooltip.install(r, tip);
        return r;
    }

    /** The text a point shows on hover. */
    static String tipOf(javafx.scene.Node point) {
        return (String) point.getProperties().get(TIP);
    }

    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        NumberAxis x = (NumberAxis) getXAxis();
        double height = getYAxis().getHeight();
        for (Marker m : markers) {
            double at = x.getDisplayPosition(m.x());
            m.line().setStartX(at);
            m.line().setEndX(at);
            m.line().setStartY(0);
            m.line().setEndY(height);
            m.line().toFront();
        }
    }
}
