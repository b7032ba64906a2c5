package dev.kdi.records.corefile;

import java.util.List;

/**
 * The {@code cache} of a server block, as {@code plugin/cache/setup.go} reads it, for what it does
 * to the first answer a client sees (a cache miss): {@code ResponseWriter.WriteMsg} sets every
 * record's TTL to the message's lowest TTL, raised to the minimum and capped at the maximum of
 * the success or denial cache.
 *
 * @param zones the zones it caches (its arguments after the TTL, or the block's keys)
 * @param successTtl the success cap in seconds ({@code cache TTL}, {@code success CAP TTL}; 3600 by default)
 * @param successMin the success minimum ({@code success CAP TTL MINTTL}; 5 by default)
 * @param denialTtl the denial cap ({@code cache TTL}, {@code denial CAP TTL}; 1800 by default)
 * @param denialMin the denial minimum (5 by default)
 * @param serveStale whether {@code serve_stale} is set
 * @param directive the {@code cache} line
 */
public record CachePlugin(List<String> zones, long successTtl, long successMin, long denialTtl, long denialMin,
                          boolean serveStale, Directive directive) {

    /** CoreDNS's {@code dnsutil.MaximumDefaultTTL}: the success cap without a TTL. */
    public static final long MAX_TTL = 3600;
    /** {@code dnsutil.MinimalDefaultTTL}: both minimums, and the TTL of a message without records. */
    public static final long MIN_TTL = 5;

    public CachePlugin {
        zones = List.copyOf(zones);
    }

    static CachePlugin parse(Directive d, List<String> blockZones) throws CorefileException {
        List<String> args = d.args();
        long success = MAX_TTL;
        long denial = MAX_TTL / 2;
        long successMin = MIN_TTL;
        long denialMin = MIN_TTL;
        boolean stale = false;
        int first = 0;
        if (!args.isEmpty() && isInteger(args.get(0))) {
            long ttl = Long.parseLong(args.get(0));
            if (ttl <= 0) {
                throw new CorefileException(d.line(), "plugin/cache: cache TTL can not be zero or negative: " + ttl);
            }
            success = ttl;
            denial = ttl;
            first = 1;
        }
        List<String> zones = new java.util.ArrayList<>();
        for (String z : args.subList(first, args.size())) {
            zones.addAll(Zones.of(z, d.line()));
        }
        for (Directive o : d.block()) {
            List<String> a = o.args();
            switch (o.name()) {
                case "success", "denial" -> {
                    if (a.isEmpty()) {
                        throw new CorefileException(o.line(), "plugin/cache: Wrong argument count or unexpected line ending "
                                + "after '" + o.name() + "'");
                    }
                    integer(o, a.get(0));
                    if (a.size() > 1) {
                        long ttl = integer(o, a.get(1));
                        if (ttl <= 0) {
                            throw new CorefileException(o.line(), "plugin/cache: cache TTL can not be zero or negative: " + ttl);
                        }
                        long min = -1;
                        if (a.size() > 2) {
                            min = integer(o, a.get(2));
                            if (min < 0) {
                                throw new CorefileException(o.line(), "plugin/cache: cache min TTL can not be negative: " + min);
                            }
                        }
                        if (o.name().equals("success")) {
                            success = ttl;
                            successMin = min < 0 ? successMin : min;
                        } else {
                            denial = ttl;
                            denialMin = min < 0 ? denialMin : min;
                        }
                    }
                }
                case "serve_stale" -> stale = true;
                default -> {
                    // prefetch, disable, keepttl, servfail...: they change later answers, not the first one.
                }
            }
        }
        return new CachePlugin(zones.isEmpty() ? blockZones : zones, success, successMin, denial, denialMin, stale, d);
    }

    /** The TTL a first answer's records carry: {@code computeTTL(msgTTL, min, max)}. */
    public static long clamp(long messageTtl, long min, long max) {
        return Math.min(Math.max(messageTtl, min), max);
    }

    private static boolean isInteger(String s) {
        return s.matches("[+-]?\\d+");
    }

    private static long integer(Directive o, String s) throws CorefileException {
        if (!isInteger(s)) {
            throw new CorefileException(o.line(), "plugin/cache: strconv.Atoi: parsing \"" + s + "\": invalid syntax");
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new CorefileException(o.line(), "plugin/cache: strconv.Atoi: parsing \"" + s + "\": value out of range");
        }
    }
}
