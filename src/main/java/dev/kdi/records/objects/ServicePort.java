package dev.kdi.records.objects;

/**
 * One entry of a Service's {@code spec.ports}.
 *
 * @param name the port name; empty when unnamed (no {@code _name._proto} SRV record then)
 * @param protocol the protocol
 * @param port the Service port
 * @param targetPort where the pods listen; defaults to {@code port}
 */
public record ServicePort(String name, Protocol protocol, int port, TargetPort targetPort) {

    public boolean isNamed() {
        return !name.isEmpty();
    }
}
