package dev.kdi.metrics;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A parsed exposition: its families in the order they came, and the lines that could not be read.
 * A bad line costs that line only, so one odd metric never hides a replica's other counters.
 *
 * @param families by name
 * @param problems one line each: {@code line 12: ...}
 */
public record Exposition(List<Family> families, List<String> problems) {

    public Exposition {
        families = List.copyOf(families);
        problems = List.copyOf(problems);
    }

    /** The samples named exactly {@code name} (a histogram's {@code x_count}, say), of any family. */
    public List<Sample> samples(String name) {
        return families.stream().flatMap(f -> f.samples().stream()).filter(s -> s.name().equals(name)).toList();
    }

    /** Whether any sample is named {@code name}. */
    public boolean has(String name) {
        return families.stream().flatMap(f -> f.samples().stream()).anyMatch(s -> s.name().equals(name));
    }

    /** The sum of the samples named {@code name} that {@code filter} accepts; 0 when there are none. */
    public double sum(String name, Predicate<Sample> filter) {
        return samples(name).stream().filter(filter).mapToDouble(Sample::value).sum();
    }

    /** The sum of the samples named {@code name}; 0 when there are none. */
    public double sum(String name) {
        return sum(name, s -> true);
    }

    /** Sums of the samples named {@code name} by one label's value. */
    public Map<String, Double> sumBy(String name, String label, Predicate<Sample> filter) {
        return samples(name).stream().filter(filter)
                .collect(Collectors.groupingBy(s -> s.label(label), java.util.TreeMap::new,
                        Collectors.summingDouble(Sample::value)));
    }

    /** The family of that name, if any. */
    public java.util.Optional<Family> family(String name) {
        Objects.requireNonNull(name, "name");
        return families.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** How many series it holds. */
    public int seriesCount() {
        return families.stream().mapToInt(f -> f.samples().size()).sum();
    }
}
