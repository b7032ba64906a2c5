package dev.kdi.ui.common;

import java.util.Comparator;

/**
 * Orders names as people count: {@code db-2} before {@code db-10}. Runs of digits compare by
 * value, everything else character by character.
 */
public final class NaturalOrder implements Comparator<String> {
    public static final NaturalOrder INSTANCE = new NaturalOrder();

    private NaturalOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (isDigit(ca) && isDigit(cb)) {
                int si = i;
                int sj = j;
                while (si < a.length() && a.charAt(si) == '0') {
                    si++;
                }
                while (sj < b.length() && b.charAt(sj) == '0') {
                    sj++;
                }
                int ei = si;
                int ej = sj;
                while (ei < a.length() && isDigit(a.charAt(ei))) {
                    ei++;
                }
                while (ej < b.length() && isDigit(b.charAt(ej))) {
                    ej++;
                }
                int lengths = Integer.compare(ei - si, ej - sj);
                if (lengths != 0) {
                    return lengths;
                }
                for (int k = 0; k < ei - si; k++) {
                    int d = Character.compare(a.charAt(si + k), b.charAt(sj + k));
                    if (d != 0) {
                        return d;
                    }
                }
                i = ei;
                j = ej;
                continue;
            }
            if (ca != cb) {
                return Character.compare(ca, cb);
            }
            i++;
            j++;
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
