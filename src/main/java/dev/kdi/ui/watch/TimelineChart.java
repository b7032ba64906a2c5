package dev.kdi.ui.watch;

import dev.kdi.session.watch.WatchEvent;
import dev.kdi.session.watch.WatchTimeline;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.collections.ObservableList;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
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

    private final Map<WatchTimeline.Key, Line> lines = new LinkedHashMap<>();
    private final Map<WatchEvent, Marker> markers = new HashMap<>();
    /** One tooltip for every point: its text is the hovered point's, so a redraw installs nothing. */
    private final Tooltip tip = new Tooltip();
    private final DateTimeFormatter time;
    /** The start of the timeline drawn; the x axis counts seconds from it. */
    private Instant origin;

    private record Marker(double x, javafx.scene.shape.Line line) {
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
    }

    /**
     * Draws the series of this chart's name from the timeline's series and API events. Called a
     * few times a second while answers stream in, so it changes only what changed: a point already
     * drawn keeps its node, and only new answers, buckets and markers are made.
     */
    void show(List<WatchTimeline.Series> series, List<WatchEvent> api, Instant origin) {
        if (!origin.equals(this.origin)) {
            // Another timeline (a new watch, an opened recording): nothing drawn before applies.
            this.origin = origin;
            getXAxis().setLabel("seconds since " + time.format(origin));
            getData().clear();
            lines.clear();
            getPlotChildren().removeAll(markers.values().stream().map(Marker::line).toList());
            markers.clear();
        }
        Set<WatchTimeline.Key> keys = new HashSet<>();
        for (WatchTimeline.Series s : series) {
            keys.add(s.key());
            Line line = lines.get(s.key());
            if (line == null) {
                line = new Line(new XYChart.Series<>());
                lines.put(s.key(), line);
                getData().add(line.series());
            }
            String pod = s.key().replica().substring(s.key().replica().indexOf('/') + 1);
            line.series().setName(pod + (s.gone() ? " (gone)" : ""));
            line.update(wanted(s));
        }
        for (var it = lines.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!keys.contains(e.getKey())) {
                getData().remove(e.getValue().series());
                it.remove();
            }
        }
        // The chart sets a symbol's classes anew when its series or index changes: ours go back on after.
        for (Line line : lines.values()) {
            line.restyle();
        }
        Set<WatchEvent> events = new HashSet<>(api);
        for (var it = markers.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!events.contains(e.getKey())) {
                getPlotChildren().remove(e.getValue().line());
                it.remove();
            }
        }
        for (WatchEvent e : api) {
            markers.computeIfAbsent(e, k -> {
                javafx.scene.shape.Line l = new javafx.scene.shape.Line();
                l.getStyleClass().add("kdi-watch-marker");
                l.setStrokeWidth(2);
                Tooltip.install(l, new Tooltip(time.format(k.time()) + "  " + k.event()));
                getPlotChildren().add(l);
                return new Marker(seconds(origin, k.time()), l);
            });
        }
        requestChartLayout();
    }

    /** One point as it should be drawn: what it shows, keyed by the bucket or answer it comes from. */
    private record Point(Object source, double x, double y, String kind, String tip) {
    }

    private List<Point> wanted(WatchTimeline.Series s) {
        List<Point> points = new ArrayList<>();
        for (WatchTimeline.Bucket b : s.aggregated()) {
            points.add(new Point(b, seconds(origin, b.start()), b.meanRttMs(),
                    b.failures() > 0 ? "failed" : b.differing() > 0 ? "differs" : "ok",
                    time.format(b.start()) + " – " + time.format(b.end()) + "  " + s.key().replica() + "\n"
                            + b.asked() + " asked, " + b.failures() + " failed, " + b.differing()
                            + " not as predicted\n" + String.format(Locale.ROOT, "mean %.2f ms, longest %.2f ms",
                            b.meanRttMs(), b.maxRttMs())));
        }
        String previous = null;
        List<WatchEvent> raw = s.raw();
        int skip = Math.max(0, raw.size() - MAX_POINTS);
        if (skip > 0) {
            previous = raw.get(skip - 1).signature();
        }
        for (WatchEvent e : raw.subList(skip, raw.size())) {
            boolean change = !e.signature().equals(previous);
            previous = e.signature();
            String kind = e.isFailure() ? "failed" : Boolean.TRUE.equals(e.asPredicted()) ? "ok" : "differs";
            points.add(new Point(e, seconds(origin, e.time()), e.rttMs() == null ? 0 : e.rttMs(),
                    change ? kind + " change" : kind, null));
        }
        return points;
    }

    /** A replica's line and the point drawn for each bucket or answer. */
    private final class Line {
        private final XYChart.Series<Number, Number> series;
        private final Map<Object, XYChart.Data<Number, Number>> drawn = new HashMap<>();

        Line(XYChart.Series<Number, Number> series) {
            this.series = series;
        }

        XYChart.Series<Number, Number> series() {
            return series;
        }

        /** Removes the points no longer wanted and adds the new ones in place; the rest stay as they are. */
        void update(List<Point> points) {
            Map<Object, Point> byKey = new HashMap<>();
            points.forEach(p -> byKey.put(p.source(), p));
            List<XYChart.Data<Number, Number>> gone = new ArrayList<>();
            for (var it = drawn.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (!byKey.containsKey(e.getKey())) {
                    gone.add(e.getValue());
                    it.remove();
                }
            }
            if (!gone.isEmpty()) {
                series.getData().removeAll(gone);
            }
            ObservableList<XYChart.Data<Number, Number>> data = series.getData();
            for (int i = 0; i < points.size(); i++) {
                Point p = points.get(i);
                XYChart.Data<Number, Number> d = drawn.get(p.source());
                if (d == null) {
                    d = new XYChart.Data<>(p.x(), p.y());
                    d.setExtraValue(p.kind());
                    d.setNode(point(p.tip() == null ? describe((WatchEvent) p.source()) : p.tip()));
                    drawn.put(p.source(), d);
                    data.add(Math.min(i, data.size()), d);
                } else if (!p.kind().equals(d.getExtraValue())) {
                    // The first raw point can gain or lose its "change" as the raw window slides.
                    d.getNode().getStyleClass().removeAll(((String) d.getExtraValue()).split(" "));
                    d.getNode().getStyleClass().remove("kdi-watch-point");
                    d.setExtraValue(p.kind());
                }
            }
        }

        void restyle() {
            for (XYChart.Data<Number, Number> d : series.getData()) {
                ObservableList<String> classes = d.getNode().getStyleClass();
                if (!classes.contains("kdi-watch-point")) {
                    classes.add("kdi-watch-point");
                    classes.addAll(((String) d.getExtraValue()).split(" "));
                }
            }
        }
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
        for (Marker m : markers.values()) {
            double at = x.getDisplayPosition(m.x());
            m.line().setStartX(at);
            m.line().setEndX(at);
            m.line().setStartY(0);
            m.line().setEndY(height);
            m.line().toFront();
        }
    }
}
