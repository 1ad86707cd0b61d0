package dev.prompttracker.adapter.http;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpHeaders;
import dev.prompttracker.adapter.http.error.ErrorKind;
import dev.prompttracker.adapter.http.support.EdgeServer;
import dev.prompttracker.adapter.http.support.Outcome;
import dev.prompttracker.adapter.http.support.Rpcs;
import dev.prompttracker.adapter.http.support.Transport;
import dev.prompttracker.application.RateLimits;
import dev.prompttracker.application.port.out.RateLimiter.Limit;
import dev.prompttracker.proto.v1.ListSessionsRequest;
import dev.prompttracker.proto.v1.RegisterRequest;
import dev.prompttracker.proto.v1.RequestMagicLinkRequest;
import dev.prompttracker.proto.v1.RequestMagicLinkResponse;
import dev.prompttracker.proto.v1.Session;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which address per-address limits and sessions see, on both transports. The test client reaches the
 * loopback server from 127.0.0.1, so trusting 127.0.0.1/32 lets a test play the proxy.
 */
class ClientAddressEdgeTest {
    private static final Limit PLENTY = new Limit(1_000_000, Duration.ofSeconds(1));
    private static final RateLimits TWO_LINK_REQUESTS_PER_ADDRESS = new RateLimits(PLENTY, PLENTY, PLENTY, PLENTY,
            PLENTY, new Limit(2, Duration.ofMinutes(15)), PLENTY, PLENTY, PLENTY, PLENTY, PLENTY);
    private static final AtomicInteger UNIQUE = new AtomicInteger();

    @RegisterExtension
    static final EdgeServer direct = new EdgeServer(TWO_LINK_REQUESTS_PER_ADDRESS);

    @RegisterExtension
    static final EdgeServer behindProxy = new EdgeServer(new EdgeSettings(List.of(EdgeServer.ALLOWED_ORIGIN),
            64 * 1024, Duration.ofSeconds(10), false, TrustedProxies.parse("127.0.0.1/32, 10.0.0.0/8")),
            TWO_LINK_REQUESTS_PER_ADDRESS);

    private static Transport transport(EdgeServer server, String name, HttpHeaders headers) {
        return server.transports(headers).filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static HttpHeaders forwardedFor(String chain) {
        return HttpHeaders.of(HttpHeaderNames.X_FORWARDED_FOR, chain);
    }

    private static Outcome<RequestMagicLinkResponse> requestLink(EdgeServer server, String transport, HttpHeaders headers) {
        return transport(server, transport, headers).call(Rpcs.REQUEST_MAGIC_LINK, null, RequestMagicLinkRequest
                .newBuilder().setEmail("reader" + UNIQUE.incrementAndGet() + "@example.com").build());
    }

    private static Session sessionRegisteredWith(EdgeServer server, String transport, HttpHeaders headers) {
        Transport t = transport(server, transport, headers);
        String name = "client" + UNIQUE.incrementAndGet() + "_" + Long.toString(System.nanoTime() % 100_000, 36);
        String token = t.call(Rpcs.REGISTER, null, RegisterRequest.newBuilder().setUsername(name)
                .setEmail(name + "@example.com").setPassword("correct horse battery").build()).ok().getAccessToken();
        return t.call(Rpcs.LIST_SESSIONS, token, ListSessionsRequest.getDefaultInstance()).ok().getSessions(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"REST", "gRPC"})
    void withoutTrustedProxiesForwardingHeadersCannotDodgeAPerAddressLimit(String transport) {
        direct.clock.advance(Duration.ofHours(1));
        for (int i = 1; i <= 2; i++) {
            requestLink(direct, transport, forwardedFor("198.51.100." + i).toBuilder()
                    .add(TrustedProxies.CF_CONNECTING_IP, "198.51.100." + i).build()).ok();
        }
        requestLink(direct, transport, forwardedFor("198.51.100.3")).failsWith(ErrorKind.RATE_LIMITED);
        requestLink(direct, transport, HttpHeaders.of(TrustedProxies.CF_CONNECTING_IP, "198.51.100.4"))
                .failsWith(ErrorKind.RATE_LIMITED);
        assertThat(sessionRegisteredWith(direct, transport, forwardedFor("198.51.100.5")).getIp()).isEqualTo("127.0.0.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"REST", "gRPC"})
    void behindTrustedProxiesTheRightMostUntrustedHopIsTheClient(String transport) {
        behindProxy.clock.advance(Duration.ofHours(1));
        requestLink(behindProxy, transport, forwardedFor("203.0.113.1, 198.51.100.7, 10.0.0.2")).ok();
        requestLink(behindProxy, transport, forwardedFor("203.0.113.2, 198.51.100.7, 10.0.0.2")).ok();
        // What the client wrote on the left changes nothing: the proxies vouch for 198.51.100.7 only.
        requestLink(behindProxy, transport, forwardedFor("10.0.0.9, 198.51.100.7")).failsWith(ErrorKind.RATE_LIMITED);
        requestLink(behindProxy, transport, forwardedFor("203.0.113.1, 198.51.100.8")).ok();
        assertThat(sessionRegisteredWith(behindProxy, transport, forwardedFor("203.0.113.9, 198.51.100.9, 10.0.0.2"))
                .getIp()).isEqualTo("198.51.100.9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"REST", "gRPC"})
    void ipv6ClientsShareTheirSlash64ButSessionsKeepTheFullAddress(String transport) {
        behindProxy.clock.advance(Duration.ofHours(1));
        requestLink(behindProxy, transport, forwardedFor("2001:db8:1:2::1")).ok();
        requestLink(behindProxy, transport, forwardedFor("2001:db8:1:2::2")).ok();
        requestLink(behindProxy, transport, forwardedFor("2001:db8:1:2:ffff::3")).failsWith(ErrorKind.RATE_LIMITED);
        requestLink(behindProxy, transport, forwardedFor("2001:db8:1:3::1")).ok();
        assertThat(sessionRegisteredWith(behindProxy, transport, forwardedFor("2001:db8:1:2::abcd")).getIp())
                .isEqualTo("2001:db8:1:2:0:0:0:abcd");
    }
}
