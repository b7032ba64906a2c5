package dev.kdi.cli;

import dev.kdi.session.watch.GoDuration;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A positive duration as kubectl's flags take it: {@code 500ms}, {@code 10s}, {@code 10m}, {@code 1h30m}. */
final class GoDurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String text) {
        Duration d = GoDuration.parse(text).orElseThrow(() -> new TypeConversionException("\"" + text
                + "\" is not a duration (a number and a unit: 500ms, 10s, 10m, 1h30m)"));
        if (d.isNegative() || d.isZero()) {
            throw new TypeConversionException("\"" + text + "\" must be longer than zero");
        }
        return d;
    }
}
