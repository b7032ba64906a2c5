package dev.kdi.records.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DnsNamesTest {

    @ParameterizedTest
    @CsvSource({"web.shop.svc.cluster.local.", "Web.SHOP.svc.Cluster.Local.", "ÉCOLE.example.", "x\u212Ay.", "''"})
    void lower_isToLowerCaseInTheRootLocale(String name) {
        assertThat(DnsNames.lower(name)).isEqualTo(name.toLowerCase(Locale.ROOT));
    }

    @Test
    void lower_lowerCaseName_returnsTheSameString() {
        String name = "web.shop.svc.cluster.local.";
        assertThat(DnsNames.lower(name)).isSameAs(name);
    }

    @ParameterizedTest
    @CsvSource({"web,web,true", "web,WEB,true", "web,wbe,false", "kafka,\u212Aafka,true", "a,ab,false"})
    void equalIgnoringCase_isEqualsIgnoreCase(String a, String b, boolean expected) {
        assertThat(DnsNames.equalIgnoringCase(a, b)).isEqualTo(expected).isEqualTo(a.equalsIgnoreCase(b));
    }

    @ParameterizedTest
    @CsvSource({"cluster.local.,web.shop.svc.cluster.local.,true", "cluster.local.,web.shop.svc.CLUSTER.local.,true",
            "cluster.local.,webcluster.local.,false", "cluster.local.,cluster.local.,true", ".,anything.,true",
            "cluster.local.,local.,false"})
    void isSubdomain_matchesWholeLabelsInAnyCase(String parent, String child, boolean expected) {
        assertThat(DnsNames.isSubdomain(parent, child)).isEqualTo(expected);
    }
}
