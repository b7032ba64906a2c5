/**
 * HTTP/1.1 GET over any pair of byte channels, such as the pipes of an in-process port-forward:
 * CoreDNS's {@code /health}, {@code /ready} and {@code /metrics} reached with no socket of our own.
 * Every way a reply can go wrong (none, cut in the middle, never ending, not HTTP, too large) is a
 * {@link dev.kdi.http.HttpResult.Failure} with a sentence a person can act on.
 *
 * <p>JDK only; never {@code session}, JavaFX or the faces.
 */
package dev.kdi.http;
