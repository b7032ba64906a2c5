package dev.kdi.manifests;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Files that are meant to become manifests but are not manifests yet: a kustomization (input for
 * {@code kubectl kustomize}) and an unrendered Helm or Go template (input for {@code helm template}).
 * kubectl would refuse them with a parser's complaint; the words here say what to run instead.
 */
final class NonManifests {
    /** The file names kustomize looks for in a directory. */
    private static final Set<String> KUSTOMIZATION_FILES = Set.of("kustomization.yaml", "kustomization.yml",
            "Kustomization");
    private static final String KUSTOMIZE_GROUP = "kustomize.config.k8s.io/";
    /**
     * A template action where YAML structure stands: at the start of a line ({@code {{- if ...}}},
     * {@code {{ include ... }}}), or as an unquoted value or list item ({@code replicas: {{ .Values.n }}}).
     * In a manifest, {@code {{} there is never valid YAML that means an object.
     */
    private static final Pattern ACTION = Pattern.compile("^\\s*(?:-\\s+)?\\{\\{|:\\s+\\{\\{");

    private NonManifests() {
    }

    /** The message for a file kustomize would read by its name, or empty. */
    static Optional<String> kustomizationByName(String name) {
        return KUSTOMIZATION_FILES.contains(fileName(name)) ? Optional.of(kustomize(name)) : Optional.empty();
    }

    /** The message for an object of kind Kustomization or Component of kustomize's own API, or empty. */
    static Optional<String> kustomization(String name, String apiVersion, String kind) {
        boolean kustomize = apiVersion != null && apiVersion.startsWith(KUSTOMIZE_GROUP)
                && ("Kustomization".equals(kind) || "Component".equals(kind));
        return kustomize ? Optional.of(kustomize(name)) : Optional.empty();
    }

    private static String kustomize(String name) {
        return name + ": a kustomize directory: run `kubectl kustomize " + directory(name) + "` and pass its output";
    }

    /**
     * The message for a file that could not be read because it is an unrendered template, or empty
     * when it does not look like one: its problem quotes a template action, or a template action
     * stands where YAML structure does.
     */
    static Optional<String> template(Source source, String problem) {
        int line = problem.contains("{{") ? firstLine(source, true) : 0;
        if (line == 0) {
            line = firstLine(source, false);
        }
        if (line == 0) {
            return Optional.empty();
        }
        return Optional.of(source.name() + ": unrendered template: run `helm template` first (a template action"
                + " on line " + line + ")");
    }

    /** The 1-based line of the first template action (any {@code {{} when {@code anywhere}), or 0. */
    private static int firstLine(Source source, boolean anywhere) {
        try (BufferedReader in = new BufferedReader(source.reader())) {
            String text;
            int number = 0;
            while ((text = in.readLine()) != null) {
                number++;
                if (anywhere ? text.contains("{{") : ACTION.matcher(text).find()) {
                    return number;
                }
            }
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String fileName(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? name : name.substring(slash + 1);
    }

    private static String directory(String name) {
        int slash = name.lastIndexOf('/');
        if (slash < 0) {
            return ".";
        }
        return slash == 0 ? "/" : name.substring(0, slash);
    }
}
