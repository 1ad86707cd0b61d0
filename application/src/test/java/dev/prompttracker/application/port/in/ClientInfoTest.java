package dev.prompttracker.application.port.in;

import org.junit.jupiter.api.Test;

import java.net.Inet6Address;
import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class ClientInfoTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal); // literals only: no lookup
    }

    @Test
    void anIpv4ClientIsCountedByItsWholeAddress() throws Exception {
        ClientInfo client = ClientInfo.of("ua", ip("192.0.2.7"));
        assertThat(client.ip()).isEqualTo("192.0.2.7");
        assertThat(client.rateLimitKey()).isEqualTo("192.0.2.7");
        assertThat(ClientInfo.of("ua", ip("192.0.2.8")).rateLimitKey()).isNotEqualTo(client.rateLimitKey());
    }

    @Test
    void ipv6ClientsInOneSlash64ShareAKeyButKeepTheirFullAddress() throws Exception {
        ClientInfo a = ClientInfo.of("ua", ip("2001:db8:1:2::1"));
        ClientInfo b = ClientInfo.of("ua", ip("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        assertThat(a.rateLimitKey()).isEqualTo(b.rateLimitKey()).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(a.ip()).isEqualTo("2001:db8:1:2:0:0:0:1");
        assertThat(b.ip()).isEqualTo("2001:db8:1:2:ffff:ffff:ffff:ffff");
    }

    @Test
    void ipv6ClientsInDifferentSlash64sDoNotShareAKey() throws Exception {
        assertThat(ClientInfo.of("ua", ip("2001:db8:1:2::1")).rateLimitKey())
                .isNotEqualTo(ClientInfo.of("ua", ip("2001:db8:1:3::1")).rateLimitKey())
                .isNotEqualTo(ClientInfo.of("ua", ip("2001:db9:1:2::1")).rateLimitKey());
    }

    @Test
    void anIpv4MappedAddressIsTheIpv4Client() throws Exception {
        // Built as an Inet6Address on purpose: InetAddress.getByName would already unmap it.
        InetAddress mapped = Inet6Address.getByAddress(null,
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 7}, -1);
        ClientInfo client = ClientInfo.of("ua", mapped);
        assertThat(client.ip()).isEqualTo("192.0.2.7");
        assertThat(client.rateLimitKey()).isEqualTo("192.0.2.7");
    }

    @Test
    void theTwoArgumentFormCountsByTheWholeIp() {
        assertThat(new ClientInfo("ua", "2001:db8::1").rateLimitKey()).isEqualTo("2001:db8::1");
        assertThat(ClientInfo.UNKNOWN.rateLimitKey()).isEmpty();
        assertThat(new ClientInfo(null, null, null)).isEqualTo(ClientInfo.UNKNOWN);
    }
}
