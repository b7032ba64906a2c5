package dev.kdi.records.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAddressTest {

    @ParameterizedTest(name = "''{0}'' -> {1} {2}")
    @CsvSource(nullValues = "null", textBlock = """
            10.0.0.1,            4, 10.0.0.1
            0.0.0.0,             4, 0.0.0.0
            255.255.255.255,     4, 255.255.255.255
            010.0.0.1,           0, null
            256.1.1.1,           0, null
            1.2.3,               0, null
            1.2.3.4.5,           0, null
            '1.2.3.4 ',          0, null
            ::ffff:1.2.3.4,      4, 1.2.3.4
            FD00:0db8::0:1,      6, fd00:db8::1
            fd00:10:244::1:0,    6, fd00:10:244::1:0
            '',                  0, null
            null,                0, null
            web,                 0, null
            """)
    void versionAndCanonical_readAddressesAsGoDoes(String text, int version, String canonical) {
        assertThat(IpAddress.version(text)).isEqualTo(version);
        assertThat(IpAddress.canonical(text)).isEqualTo(canonical);
        assertThat(IpAddress.isAddress(text)).isEqualTo(version != 0);
    }

    @Test
    @DisplayName("the allocation-free shortcuts agree with parse() on random address-like text")
    void versionAndCanonical_agreeWithParse() {
        Random random = new Random(7);
        String alphabet = "0123456789.:abcdefABCDEF";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(20);
            for (int k = 0; k < len; k++) {
                sb.append(alphabet.charAt(random.nextInt(random.nextBoolean() ? 11 : alphabet.length())));
            }
            String text = sb.toString();
            Optional<IpAddress> parsed = IpAddress.parse(text);
            int expected = parsed.isEmpty() ? 0 : parsed.get().isIPv4() ? 4 : 6;
            assertThat(IpAddress.version(text)).as(text).isEqualTo(expected);
            assertThat(IpAddress.canonical(text)).as(text).isEqualTo(parsed.map(IpAddress::toString).orElse(null));
        }
    }
}
