package dev.kdi.dns.archfixture;

import dev.kdi.session.SessionInfo;

/** Breaks "dns, manifests, cluster and demo never use session": an adapter reaching up. */
public final class DnsUsingSession {
    public String name(SessionInfo info) {
        return info.name();
    }
}
