package dev.kdi.records.controllers;

import dev.kdi.records.names.IpAddress;
import dev.kdi.records.objects.IpFamily;
import dev.kdi.records.objects.Unassigned;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Placeholder addresses for cluster and pod IPs not assigned yet, chosen so they can never be
 * mistaken for real ones and never change between runs.
 *
 * <p>IPv4 placeholders come from 240.0.0.0/4, "reserved for future use" (RFC 1112 section 4, IANA's
 * special-purpose registry): no network hands them out and no host accepts them, and its 2^28
 * addresses hold 150,000 pods with room to spare (255.255.255.255, the limited broadcast, is left
 * out). IPv6 ones come from 100::/64, the discard-only block (RFC 6666), which is never assigned
 * to an interface. (The documentation prefixes 192.0.2.0/24 and 2001:db8::/32 are too small or
 * too common in real manifests and fixtures.)
 *
 * <p>Each address is a hash of the object's kind, namespace, name and family, so the same object
 * gets the same placeholder in every run, in any input order, and on both sides of a diff. Should
 * two hashes meet, the objects are placed in name order and the later one takes the next free
 * address; addresses in the input are never handed out.
 */
public final class Placeholders {
    private static final long IPV4_BASE = 0xF000_0000L;
    /** 240.0.0.0 to 255.255.255.254. */
    private static final long IPV4_SIZE = (1L << 28) - 1;

    private final Set<String> taken;
    private final List<Request> requests = new ArrayList<>();

    /** @param taken the addresses the input already holds */
    public Placeholders(Set<String> taken) {
        this.taken = new HashSet<>();
        for (String ip : taken) {
            String canonical = IpAddress.canonical(ip);
            if (canonical != null) {
                this.taken.add(canonical);
            }
        }
    }

    /** Asks for one placeholder; {@link #assign} hands them out. */
    public void request(Unassigned what, IpFamily family) {
        requests.add(new Request(what, family));
    }

    /** Every request's address, printed canonically, keyed by request. */
    public Map<Request, String> assign() {
        List<Request> ordered = new ArrayList<>(requests);
        ordered.sort(Comparator.comparing(Request::key));
        Map<Request, String> out = new LinkedHashMap<>();
        for (Request r : ordered) {
            long h = hash(r.key());
            String address;
            do {
                address = r.family() == IpFamily.IPV4 ? ipv4(h) : ipv6(h);
                h++;
            } while (!taken.add(address));
            out.put(r, address);
        }
        return out;
    }

    /** Whether an address lies in the placeholder ranges. */
    public static boolean inPlaceholderRange(String address) {
        return IpAddress.parse(address).map(ip -> {
            byte[] b = ip.bytes();
            if (b.length == 4) {
                return (b[0] & 0xf0) == 0xf0;
            }
            for (int i = 0; i < 8; i++) {
                if (b[i] != (i == 0 ? 0x01 : 0)) {
                    return false;
                }
            }
            return true;
        }).orElse(false);
    }

    private static String ipv4(long h) {
        long a = IPV4_BASE + Long.remainderUnsigned(h, IPV4_SIZE);
        return ((a >>> 24) & 0xff) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
    }

    private static String ipv6(long h) {
        byte[] b = new byte[16];
        b[0] = 0x01;
        for (int i = 0; i < 8; i++) {
            b[15 - i] = (byte) (h >>> (8 * i));
        }
        return IpAddress.ofBytes(b).toString();
    }

    /** FNV-1a over the key's UTF-8, then SplitMix64's finaliser to spread nearby keys apart. */
    static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    /** One placeholder asked for. */
    public record Request(Unassigned what, IpFamily family) {
        String key() {
            return what.object().kind() + "/" + what.object().namespace() + "/" + what.object().name() + "#" + family;
        }
    }
}
