package dev.kdi.cli.archfixture;

import dev.kdi.dns.DnsException;

/** Breaks "the command line only through session": a command reaching into the DNS transport. */
public final class CliOpeningDns {
    public String describe(DnsException e) {
        return e.getMessage();
    }
}
