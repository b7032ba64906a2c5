package dev.kdi.session.watch;

import java.time.Duration;
import java.util.Optional;

/**
 * Durations as Go's {@code time.ParseDuration} (and so kubectl's flags) spell them: {@code 500ms},
 * {@code 10s}, {@code 1m30s}, {@code 1.5h}; units ns, us (or µs), ms, s, m, h.
 */
public final class GoDuration {
    private GoDuration() {
    }

    /** The duration, or empty when the text is not one. */
    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        boolean negative = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        if (s.isEmpty()) {
            return Optional.empty();
        }
        long nanos = 0;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            long scale = switch (unit) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> -1L;
            };
            if (scale < 0 || number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                return Optional.empty();
            }
            try {
                double value = Double.parseDouble(number) * scale;
                if (value > Long.MAX_VALUE - nanos) {
                    return Optional.empty();
                }
                nanos += Math.round(value);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(Duration.ofNanos(negative ? -nanos : nanos));
    }

    /** A short form in the same syntax: {@code 1.5s}, {@code 250ms}, {@code 2m0s}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return (ms % 1000 == 0 ? String.valueOf(ms / 1000) : String.valueOf(ms / 1000.0)) + "s";
        }
        long s = ms / 1000;
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60) + "s";
        }
        return (s / 3600) + "h" + (s % 3600 / 60) + "m" + (s % 60) + "s";
    }
}
