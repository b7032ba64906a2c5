package dev.kdi.records.searchpath;

import dev.kdi.records.objects.PodDnsConfig;
import java.util.Objects;

/**
 * One entry of a resolv.conf {@code options} line, such as {@code ndots:5} or {@code single-request}.
 *
 * @param name the option's name
 * @param value its value, or null for a flag
 */
public record ResolvOption(String name, String value) {

    public ResolvOption {
        Objects.requireNonNull(name, "name");
        // The kubelet writes an empty value as a bare flag (mergeDNSOptions), so keep one spelling.
        if (value != null && value.isEmpty()) {
            value = null;
        }
    }

    public static ResolvOption flag(String name) {
        return new ResolvOption(name, null);
    }

    public static ResolvOption of(String name, String value) {
        return new ResolvOption(name, value);
    }

    /** Splits {@code name:value} at the first colon, as the kubelet does. */
    public static ResolvOption parse(String text) {
        int colon = text.indexOf(':');
        return colon < 0 ? flag(text) : new ResolvOption(text.substring(0, colon), text.substring(colon + 1));
    }

    static ResolvOption of(PodDnsConfig.Option option) {
        return new ResolvOption(option.name(), option.value());
    }

    @Override
    public String toString() {
        return value == null ? name : name + ":" + value;
    }
}
