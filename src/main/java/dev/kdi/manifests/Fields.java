package dev.kdi.manifests;

import dev.kdi.records.names.IpAddress;
import dev.kdi.records.names.NameRule;
import dev.kdi.records.objects.IpFamily;
import dev.kdi.records.objects.Protocol;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The field rules every converter shares: metadata, names, ports, protocols, addresses, and the
 * words their errors use, so that one field reads and fails the same in every kind.
 */
final class Fields {
    static final FieldPath NAME = FieldPath.of("metadata", "name");
    static final FieldPath NAMESPACE = FieldPath.of("metadata", "namespace");
    static final FieldPath SPEC = FieldPath.of("spec");

    /** Where namespaced objects without {@code metadata.namespace} land, as with kubectl apply. */
    static final String DEFAULT_NAMESPACE = "default";

    private Fields() {
    }

    /** {@code metadata.name}, which every object needs. */
    static String name(HasMetadata object) throws InvalidObjectException {
        ObjectMeta meta = object.getMetadata();
        if (meta == null || meta.getName() == null || meta.getName().isEmpty()) {
            throw InvalidObjectException.missing(NAME);
        }
        return meta.getName();
    }

    /** {@code metadata.name} under the rule the API server applies to the kind's names. */
    static String name(HasMetadata object, NameRule rule, String what) throws InvalidObjectException {
        String name = name(object);
        check(rule, name, NAME, what);
        return name;
    }

    /** {@code metadata.name} of a kind whose names are DNS-1123 subdomains (most kinds). */
    static String subdomainName(HasMetadata object) throws InvalidObjectException {
        return name(object, NameRule.DNS1123_SUBDOMAIN, "a valid name");
    }

    /** {@code metadata.namespace} of a namespaced object, {@code default} when absent. */
    static String namespaceOf(HasMetadata object) throws InvalidObjectException {
        ObjectMeta meta = object.getMetadata();
        String ns = meta == null ? null : meta.getNamespace();
        if (ns == null || ns.isEmpty()) {
            return DEFAULT_NAMESPACE;
        }
        check(NameRule.DNS1123_LABEL, ns, NAMESPACE, "a valid namespace name");
        return ns;
    }

    /**
     * Refuses a value the rule does not accept: {@code "Web_0" is not a valid hostname (at most
     * 63 lower-case letters, digits and '-')}, where {@code what} is {@code a valid hostname}.
     */
    static void check(NameRule rule, String value, FieldPath path, String what) throws InvalidObjectException {
        if (!rule.accepts(value)) {
            throw InvalidObjectException.invalid(path, quote(value) + " is not " + what + " (" + rule.words() + ")");
        }
    }

    /** The object's labels, shared through the interner. */
    static Map<String, String> labels(Interner interner, ObjectMeta meta) {
        return meta == null ? Map.of() : interner.labels(meta.getLabels());
    }

    /** An optional DNS-1123 label (a hostname or subdomain field), null when absent. */
    static String optionalLabel(String value, FieldPath path, String what) throws InvalidObjectException {
        if (value == null || value.isEmpty()) {
            return null;
        }
        check(NameRule.DNS1123_LABEL, value, path, "a valid " + what);
        return value;
    }

    /** The name of a Service or endpoint port, a DNS-1123 label; empty stays empty. */
    static void checkPortName(String name, FieldPath path) throws InvalidObjectException {
        if (!name.isEmpty()) {
            check(NameRule.DNS1123_LABEL, name, path, "a valid port name");
        }
    }

    static Protocol protocol(String value, FieldPath path) throws InvalidObjectException {
        return Protocol.parse(value).orElseThrow(() -> InvalidObjectException.invalid(path,
                quote(value) + " is not one of TCP, UDP, SCTP"));
    }

    static int portNumber(int port, FieldPath path) throws InvalidObjectException {
        if (port < 1 || port > 65535) {
            throw InvalidObjectException.invalid(path, port + " is not a port number (1 to 65535)");
        }
        return port;
    }

    static Optional<IpFamily> ipFamily(String value) {
        return switch (value == null ? "" : value) {
            case "IPv4" -> Optional.of(IpFamily.IPV4);
            case "IPv6" -> Optional.of(IpFamily.IPV6);
            default -> Optional.empty();
        };
    }

    /** A required IP address. */
    static String ip(String ip, FieldPath path) throws InvalidObjectException {
        if (ip == null || ip.isEmpty()) {
            throw InvalidObjectException.missing(path);
        }
        if (!IpAddress.isAddress(ip)) {
            throw InvalidObjectException.invalid(path, quote(ip) + " is not an IP address");
        }
        return ip;
    }

    static <T> T require(T value, FieldPath path) throws InvalidObjectException {
        if (value == null) {
            throw InvalidObjectException.missing(path);
        }
        return value;
    }

    static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** A value as a message quotes it: in double quotes, with quotes and control characters escaped. */
    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
