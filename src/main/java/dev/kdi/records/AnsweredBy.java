package dev.kdi.records;

import java.util.List;

/**
 * Which part of the Corefile produced an answer.
 *
 * @param block the server block's keys ({@code .:53})
 * @param chain the plugins that acted on the query, in the order CoreDNS ran them; the last one
 *     answered ({@code rewrite}, {@code kubernetes})
 * @param source the Corefile line behind it: the first plugin that acted
 *     ({@code ConfigMap kube-system/coredns-custom key rewrite.override line 2})
 */
public record AnsweredBy(String block, List<String> chain, String source) {

    public AnsweredBy {
        chain = List.copyOf(chain);
    }

    /** {@code rewrite → kubernetes in block .:53 (ConfigMap ... line 2)}. */
    public String text() {
        String plugins = chain.isEmpty() ? "no plugin" : String.join(" → ", chain);
        return plugins + " in block " + block + (source == null || source.isEmpty() ? "" : " (" + source + ")");
    }
}
