package dev.kdi.bench;

import java.util.Arrays;
import java.util.Locale;

/** What benchmarks that measure in rounds print: the median, and every round's figure. */
public final class Rounds {
    private Rounds() {
    }

    /** The median round (the upper one of an even count). */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Every round's figure, rounded, e.g. {@code 1,786 1,802 1,790}. */
    public static String each(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%,.0f", v));
        }
        return sb.toString();
    }
}
