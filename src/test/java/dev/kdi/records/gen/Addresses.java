package dev.kdi.records.gen;

/**
 * Hands out distinct addresses from the ranges a kubeadm cluster uses, so that generated
 * objects never collide by accident (collisions are generated on purpose, elsewhere).
 */
final class Addresses {
    private int serviceV4;
    private int serviceV6;
    private int podV4;
    private int podV6;
    private int external;

    /** The next Service address in 10.96.0.0/12. */
    String serviceV4() {
        int n = serviceV4++;
        return "10." + (96 + (n >> 16)) + "." + ((n >> 8) & 0xff) + "." + (1 + n % 250);
    }

    /** The next Service address in fd00:10:96::/112. */
    String serviceV6() {
        return "fd00:10:96::" + Integer.toHexString(++serviceV6);
    }

    /** The next pod address in 10.128.0.0/9 (room for millions). */
    String podV4() {
        int n = podV4++;
        int host = 1 + n % 250;
        int net = n / 250;
        return "10." + (128 + (net >> 8)) + "." + (net & 0xff) + "." + host;
    }

    /** The next pod address in fd00:10:244::/64. */
    String podV6() {
        int n = ++podV6;
        // Printed canonically (RFC 5952), as the API server stores pod addresses.
        int high = n >>> 16;
        String low = Integer.toHexString(n & 0xffff);
        return "fd00:10:244::" + (high == 0 ? low : Integer.toHexString(high) + ":" + low);
    }

    /** The next address outside the cluster's ranges, for hand-made endpoints (172.16.0.0/12). */
    String externalV4() {
        int n = external++;
        return "172." + (16 + (n >> 16)) + "." + ((n >> 8) & 0xff) + "." + (1 + n % 250);
    }
}
