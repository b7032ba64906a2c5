package dev.kdi.records;

import dev.kdi.records.objects.ObjectRef;
import java.util.List;
import java.util.Locale;

/**
 * One resource record, with the Kubernetes objects that produced it.
 *
 * @param owner the owner name, absolute (with the trailing dot), in the case it was asked in
 * @param ttl the TTL in seconds
 * @param data the type and data
 * @param sources the objects behind it, most specific last; empty for records that come from
 *     the configuration alone (SOA, {@code dns-version}) or from a live server
 */
public record ResourceRecord(String owner, long ttl, Rdata data, List<ObjectRef> sources) {

    public ResourceRecord {
        sources = List.copyOf(sources);
    }

    public ResourceRecord(String owner, long ttl, Rdata data) {
        this(owner, ttl, data, List.of());
    }

    public RrType type() {
        return data.type();
    }

    /** {@code owner TTL IN TYPE rdata}, as in a zone file. */
    public String text() {
        return owner + " " + ttl + " IN " + data.type().mnemonic() + " " + data.text();
    }

    @Override
    public String toString() {
        return text();
    }

    /** The owner in lower case: what DNS compares. */
    public String ownerKey() {
        return owner.toLowerCase(Locale.ROOT);
    }

    /** The same record with another TTL (a cache in front counts TTLs down). */
    public ResourceRecord withTtl(long newTtl) {
        return new ResourceRecord(owner, newTtl, data, sources);
    }
}
