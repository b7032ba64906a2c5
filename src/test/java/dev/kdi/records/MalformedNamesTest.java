package dev.kdi.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Names no DNS message can carry (empty labels) still get an answer, never an exception: users
 * type them into the lookup box. CoreDNS's {@code parseRequest} treats a name with no labels left
 * of the zone as the zone's structure (NODATA); the model does the same.
 */
class MalformedNamesTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(textBlock = """
            ..255.*.ip6.arpa.,               AAAA, NODATA
            ..cluster.local.,                A,    NODATA
            ...cluster.local.,               SRV,  NODATA
            ..in-addr.arpa.,                 PTR,  NODATA
            """)
    void answer_namesWithEmptyLabels_doNotThrow(String name, String type, Status expected) {
        DnsModel m = StructuralNamesTest.cluster().plain();
        Answer a = m.answer(name, RrType.parse(type).orElseThrow());
        assertThat(a.status()).isEqualTo(expected);
    }
}
