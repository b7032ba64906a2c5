package dev.kdi.ui.common;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How numbers, times and names read in the window. */
public final class Texts {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private Texts() {
    }

    /** {@code 150,000}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code 1 pod}, {@code 3 pods}. */
    public static String count(long n, String singular, String plural) {
        return count(n) + " " + (n == 1 ? singular : plural);
    }

    /** {@code 12:04:31} in the given zone. */
    public static String time(Instant at, ZoneId zone) {
        return TIME.format(at.atZone(zone));
    }

    /** {@code 0.21 ms}, {@code 14 ms}, {@code 1.2 s}. */
    public static String roundTrip(Duration d) {
        double ms = d.toNanos() / 1e6;
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.2f ms", ms);
        }
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        return String.format(Locale.ROOT, "%.1f s", ms / 1000);
    }

    /** A name without its trailing dot, as people write it. */
    public static String relative(String name) {
        return name.endsWith(".") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
    }

    /**
     * The text cut in the middle to at most {@code max} characters, keeping more of the left (the
     * distinctive part) than of the right (the zone): {@code sample-statefulset-he…default.svc.cluster.local}.
     */
    public static String elideMiddle(String text, int max) {
        if (text.length() <= max || max < 5) {
            return text;
        }
        int keep = max - 1;
        int right = keep * 2 / 5;
        int left = keep - right;
        return text.substring(0, left) + "…" + text.substring(text.length() - right);
    }

    /**
     * Breaks text into lines of at most {@code width} characters at spaces (a longer word keeps
     * its own line), for places that do not wrap by themselves, such as notifications.
     */
    public static String wrap(String text, int width) {
        StringBuilder out = new StringBuilder();
        for (String paragraph : text.split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            int lineLength = 0;
            for (String word : paragraph.split(" ")) {
                if (lineLength > 0 && lineLength + 1 + word.length() > width) {
                    out.append('\n');
                    lineLength = 0;
                } else if (lineLength > 0) {
                    out.append(' ');
                    lineLength++;
                }
                out.append(word);
                lineLength += word.length();
            }
        }
        return out.toString();
    }
}
