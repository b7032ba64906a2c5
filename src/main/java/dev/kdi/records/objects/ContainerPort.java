package dev.kdi.records.objects;

/**
 * A named container port; only named ports matter to DNS (a Service's named targetPort).
 *
 * @param name the port name
 * @param protocol the protocol
 * @param port {@code containerPort}
 */
public record ContainerPort(String name, Protocol protocol, int port) {
}
