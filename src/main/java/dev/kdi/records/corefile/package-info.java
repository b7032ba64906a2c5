/**
 * Corefiles: the parser and the options of CoreDNS's {@code kubernetes} plugin that change answers.
 *
 * <p>Pure text processing, so the offline reader and the live cluster path share one parser.
 * An option a block omits takes CoreDNS's default. JDK only.
 */
package dev.kdi.records.corefile;
