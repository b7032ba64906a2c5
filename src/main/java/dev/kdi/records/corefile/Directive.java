package dev.kdi.records.corefile;

import java.util.List;

/**
 * One line of a server block ({@code kubernetes cluster.local in-addr.arpa}) and its own block.
 *
 * @param name the plugin or option name
 * @param args the arguments, unquoted
 * @param block the directives inside its braces, empty when it has none
 * @param line the 1-based line it starts on, in its source
 * @param source the text it was read from: the Corefile's origin, or an imported file's source
 *     ({@code ConfigMap kube-system/coredns-custom key rewrite.override})
 */
public record Directive(String name, List<String> args, List<Directive> block, int line, String source) {

    public Directive {
        args = List.copyOf(args);
        block = List.copyOf(block);
    }

    public Directive(String name, List<String> args, List<Directive> block, int line) {
        this(name, args, block, line, "");
    }

    /** Where it is written: {@code ConfigMap kube-system/coredns-custom key rewrite.override line 2}. */
    public String where() {
        return source.isEmpty() ? "line " + line : source + " line " + line;
    }
}
