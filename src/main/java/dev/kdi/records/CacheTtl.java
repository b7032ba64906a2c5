package dev.kdi.records;

import dev.kdi.records.corefile.CachePlugin;
import java.util.List;

/**
 * What {@code cache} does to a first answer (a miss): every record gets the message's lowest TTL,
 * raised to the minimum and capped at the cap of its kind ({@code ResponseWriter.WriteMsg},
 * {@code computeTTL}). Kept apart from the chain's walk, which only asks whether it changes a TTL.
 */
final class CacheTtl {
    private CacheTtl() {
    }

    /**
     * The TTL clients see on every record of a first answer.
     *
     * @param ttl the TTL, or -1 when the cache leaves the message alone (no records, a failure)
     * @param denial whether the denial cache's bounds decided it
     */
    record Sent(long ttl, boolean denial) {
        static final Sent NONE = new Sent(-1, false);

        /** Whether any record of the message carries another TTL, so the change is worth saying. */
        boolean changes(List<ResourceRecord> answer, List<ResourceRecord> additional, ResourceRecord authority) {
            return ttl >= 0 && (answer.stream().anyMatch(rr -> rr.ttl() != ttl) || additional.stream().anyMatch(rr -> rr.ttl() != ttl)
                    || authority != null && authority.ttl() != ttl);
        }
    }

    static Sent of(CachePlugin c, Status status, List<ResourceRecord> answer, List<ResourceRecord> additional,
                   ResourceRecord authority) {
        if (answer.isEmpty() && additional.isEmpty() && authority == null) {
            return Sent.NONE;
        }
        boolean denial = status == Status.NXDOMAIN && answer.isEmpty() || status == Status.NODATA && authority != null;
        if (denial) {
            return new Sent(CachePlugin.clamp(lowest(answer, additional, authority, c.denialTtl()), c.denialMin(),
                    c.denialTtl()), true);
        }
        if (status == Status.NOERROR && !answer.isEmpty()) {
            return new Sent(CachePlugin.clamp(lowest(answer, additional, authority, c.successTtl()), c.successMin(),
                    c.successTtl()), false);
        }
        if (status == Status.NOERROR || status == Status.NODATA || status == Status.NXDOMAIN) {
            // A referral, or NXDOMAIN with records: CoreDNS types it neither success nor denial and
            // takes its fail-safe TTL for the message.
            return new Sent(CachePlugin.clamp(CachePlugin.MIN_TTL, c.successMin(), c.successTtl()), false);
        }
        return Sent.NONE;
    }

    private static long lowest(List<ResourceRecord> answer, List<ResourceRecord> additional, ResourceRecord authority,
                               long cap) {
        long min = cap;
        for (ResourceRecord rr : answer) {
            min = Math.min(min, rr.ttl());
        }
        if (authority != null) {
            min = Math.min(min, authority.ttl());
        }
        for (ResourceRecord rr : additional) {
            min = Math.min(min, rr.ttl());
        }
        return min;
    }
}
