package dev.kdi.records.corefile;

/**
 * One key of a server block, such as {@code .:53} or {@code dns://cluster.local:53}.
 *
 * @param transport {@code dns}, {@code tls}, {@code grpc}, {@code https} or {@code quic}
 * @param zone the zone, absolute and lower case ({@code .} for the root)
 * @param port the port, defaulted per transport
 */
public record ServerAddress(String transport, String zone, int port) {

    /** Plain DNS (UDP and TCP), the transport a port-forward can carry. */
    public boolean isPlainDns() {
        return "dns".equals(transport);
    }
}
