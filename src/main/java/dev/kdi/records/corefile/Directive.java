package dev.kdi.records.corefile;

import java.util.List;

/**
 * One line of a server block ({@code kubernetes cluster.local in-addr.arpa}) and its own block.
 *
 * @param name the plugin or option name
 * @param args the arguments, unquoted
 * @param block the directives inside its braces, empty when it has none
 * @param line the 1-based line it starts on
 */
public record Directive(String name, List<String> args, List<Directive> block, int line) {

    public Directive {
        args = List.copyOf(args);
        block = List.copyOf(block);
    }
}
