/**
 * Corefiles: the parser (server blocks, snippets, imports of files through
 * {@link dev.kdi.records.corefile.CorefileFiles}), the plugin order of each CoreDNS release, and
 * the options of the plugins that change answers ({@code kubernetes}, {@code hosts},
 * {@code rewrite}, {@code template}).
 *
 * <p>Pure text processing, so the offline reader and the live cluster path share one parser; the
 * caller resolves file paths. An option a block omits takes CoreDNS's default. JDK only, and RE2J
 * for the regexes CoreDNS compiles with Go's RE2.
 */
package dev.kdi.records.corefile;
