package dev.kdi.records.objects;

/** An IP family, as in {@code spec.ipFamilies} and EndpointSlice {@code addressType}. */
public enum IpFamily {
    IPV4, IPV6
}
