package dev.kdi.records.objects;

/**
 * One entry of an EndpointSlice's {@code ports}.
 *
 * @param name the port name, empty when unnamed
 * @param protocol the protocol
 * @param port the port number, or -1 when the slice leaves it unset
 */
public record EndpointPort(String name, Protocol protocol, int port) {
}
