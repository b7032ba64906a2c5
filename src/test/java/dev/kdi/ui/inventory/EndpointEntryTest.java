package dev.kdi.ui.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** An endpoint row keeps its label only when it is not the dashed address, and answers alike either way. */
class EndpointEntryTest {
    private static final List<String> ADDRESSES = List.of("10.0.3.17", "2001:db8::2", "fd00::", "::1",
            "::ffff:10.1.2.3", "fe80:0:0:0:0:0:0:1", "");

    @Test
    void theLabelIsWhatItWasGiven_dashedAddressOrNot() {
        for (String ip : ADDRESSES) {
            String dashed = Entry.PodEntry.dashed(ip);
            for (String label : List.of(dashed, "web-0", "", dashed + "x", "x" + dashed)) {
                Entry.EndpointEntry e = entry(ip, label);
                assertThat(e.hostname()).as("%s labelled %s", ip, label).isEqualTo(label);
                assertThat(Entry.EndpointEntry.isDashed(label, ip)).as("%s is %s dashed", label, ip)
                        .isEqualTo(label.equals(dashed));
            }
        }
    }

    @Test
    void searchingTheLabel_findsWhatSearchingTheMadeLabelFinds() {
        for (String ip : ADDRESSES) {
            for (String label : List.of(Entry.PodEntry.dashed(ip), "db-0")) {
                Entry.EndpointEntry e = entry(ip, label);
                Set<String> queries = new TreeSet<>(List.of("-", "--", ".", ":", "0", "-0", "1", "x", "svc", "a.b"));
                for (String name : List.of(label, e.fqdn(), ip)) {
                    for (int i = 0; i < name.length(); i++) {
                        for (int j = i + 1; j <= name.length(); j++) {
                            queries.add(name.substring(i, j));
                        }
                    }
                }
                for (String q : queries) {
                    assertThat(e.hostnameContains(q)).as("%s labelled %s contains %s", ip, label, q)
                            .isEqualTo(label.contains(q));
                    assertThat(e.fqdnContains(q)).as("%s labelled %s: fqdn contains %s", ip, label, q)
                            .isEqualTo(e.fqdn().contains(q));
                }
            }
        }
    }

    private static Entry.EndpointEntry entry(String ip, String label) {
        return new Entry.EndpointEntry("shop", "db", ip, label, null, null, true, "cluster.local", Badge.NONE);
    }
}
