package dev.prompttracker.adapter.http;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpHeaders;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedProxiesTest {
    private static final InetAddress PROXY = ip("127.0.0.1");
    private static final TrustedProxies PROXIES = TrustedProxies.parse("127.0.0.1/32, 10.0.0.0/8, 2001:db8:ff::/48");

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // literals only: no lookup
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static HttpHeaders forwardedFor(String... lines) {
        HttpHeaders headers = HttpHeaders.of();
        for (String line : lines) {
            headers = headers.toBuilder().add(HttpHeaderNames.X_FORWARDED_FOR, line).build();
        }
        return headers;
    }

    private static InetAddress client(TrustedProxies proxies, InetAddress peer, HttpHeaders headers) {
        return proxies.clientAddress(peer, headers);
    }

    @Test
    void withoutTrustedProxiesTheHeadersAreIgnored() {
        HttpHeaders spoofed = forwardedFor("198.51.100.7").toBuilder()
                .add(TrustedProxies.CF_CONNECTING_IP, "198.51.100.8").build();
        assertThat(client(TrustedProxies.NONE, PROXY, spoofed)).isEqualTo(PROXY);
        assertThat(client(PROXIES, ip("203.0.113.1"), spoofed)).as("an untrusted peer").isEqualTo(ip("203.0.113.1"));
    }

    @Test
    void theRightMostUntrustedHopIsTheClientAndWhatTheClientWroteIsIgnored() {
        assertThat(client(PROXIES, PROXY, forwardedFor("198.51.100.7"))).isEqualTo(ip("198.51.100.7"));
        assertThat(client(PROXIES, PROXY, forwardedFor("203.0.113.9, 198.51.100.7"))).isEqualTo(ip("198.51.100.7"));
        assertThat(client(PROXIES, PROXY, forwardedFor("10.9.9.9, 203.0.113.9 ,198.51.100.7, 10.0.0.2")))
                .isEqualTo(ip("198.51.100.7"));
        assertThat(client(PROXIES, PROXY, forwardedFor("203.0.113.9", "198.51.100.7, 10.0.0.2")))
                .as("several header lines are one list").isEqualTo(ip("198.51.100.7"));
        assertThat(client(PROXIES, PROXY, forwardedFor("2001:db8:1::5, 2001:db8:ff::1")))
                .isEqualTo(ip("2001:db8:1::5"));
        assertThat(client(PROXIES, PROXY, forwardedFor("::ffff:198.51.100.7"))).isEqualTo(ip("198.51.100.7"));
    }

    @Test
    void onlyTrustedHopsMeanTheRequestStartedAtTheLeftMostOne() {
        assertThat(client(PROXIES, PROXY, forwardedFor("10.0.0.3, 10.0.0.2"))).isEqualTo(ip("10.0.0.3"));
    }

    @Test
    void aMalformedEntryStopsTheWalkAtTheLastTrustedHop() {
        assertThat(client(PROXIES, PROXY, forwardedFor("198.51.100.7, bogus, 10.0.0.2"))).isEqualTo(ip("10.0.0.2"));
        for (String malformed : new String[] {"198.51.100.7,", "unknown", "localhost", "198.51.100.7:443",
                "[2001:db8::1]", "_hidden", "1.2.3", "", "999.1.1.1"}) {
            assertThat(client(PROXIES, PROXY, forwardedFor(malformed))).as(malformed).isEqualTo(PROXY);
        }
    }

    @Test
    void cfConnectingIpCountsOnlyFromATrustedPeerWithoutForwardedFor() {
        HttpHeaders cloudflare = HttpHeaders.of(TrustedProxies.CF_CONNECTING_IP, " 198.51.100.20 ");
        assertThat(client(PROXIES, PROXY, cloudflare)).isEqualTo(ip("198.51.100.20"));
        assertThat(client(PROXIES, PROXY, cloudflare.toBuilder().add(HttpHeaderNames.X_FORWARDED_FOR, "198.51.100.7")
                .build())).as("X-Forwarded-For wins").isEqualTo(ip("198.51.100.7"));
        assertThat(client(PROXIES, PROXY, HttpHeaders.of(TrustedProxies.CF_CONNECTING_IP, "198.51.100.20, 1.2.3.4")))
                .isEqualTo(PROXY);
        assertThat(client(PROXIES, PROXY, cloudflare.toBuilder().add(TrustedProxies.CF_CONNECTING_IP, "1.2.3.4")
                .build())).as("two headers").isEqualTo(PROXY);
        assertThat(client(PROXIES, ip("203.0.113.1"), cloudflare)).isEqualTo(ip("203.0.113.1"));
    }

    @Test
    void blocksAreParsedWithoutLookupsAndABadOneIsNamed() {
        TrustedProxies proxies = TrustedProxies.parse("::ffff:10.0.0.0/104, 2001:db8::1, 192.0.2.0/24");
        assertThat(proxies.contains(ip("10.1.2.3"))).isTrue();
        assertThat(proxies.contains(ip("2001:db8::1"))).isTrue();
        assertThat(proxies.contains(ip("2001:db8::2"))).isFalse();
        assertThat(proxies.contains(ip("192.0.2.255"))).isTrue();
        assertThat(proxies.contains(ip("192.0.3.0"))).isFalse();
        assertThat(proxies).hasToString("::ffff:10.0.0.0/104,2001:db8::1,192.0.2.0/24");
        assertThat(TrustedProxies.parse(" , ").isEmpty()).isTrue();

        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/8, proxy.internal"))
                .hasMessage("'proxy.internal' is not a CIDR block such as 10.0.0.0/8 or 2001:db8::/32");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.1/8")).hasMessage("'10.0.0.1/8' has bits set past its /8 prefix");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).hasMessage("'10.0.0.0/33' needs a prefix length from 1 to 32");
        assertThatThrownBy(() -> TrustedProxies.parse("2001:db8::/x")).hasMessage("'2001:db8::/x' needs a prefix length from 1 to 128");
        assertThatThrownBy(() -> TrustedProxies.parse("0.0.0.0/0")).hasMessageContaining("would trust every client");
        assertThatThrownBy(() -> TrustedProxies.parse("::ffff:10.0.0.0/8")).hasMessageContaining("IPv4-mapped");
    }
}
