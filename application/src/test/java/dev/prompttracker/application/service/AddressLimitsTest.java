package dev.prompttracker.application.service;

import dev.prompttracker.application.RateLimits;
import dev.prompttracker.application.port.in.ClientInfo;
import dev.prompttracker.application.port.in.RegisterUserCommand;
import dev.prompttracker.application.port.out.RateLimiter.Limit;
import dev.prompttracker.domain.error.RateLimited;
import dev.prompttracker.domain.user.Username;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Limits per client address count an IPv6 client by its /64, an IPv4 client by its address. */
class AddressLimitsTest {
    private static final Limit PLENTY = new Limit(1_000_000, Duration.ofSeconds(1));
    private static final Limit ONE_PER_HOUR = new Limit(1, Duration.ofHours(1));
    private final CoreFixture core = new CoreFixture(new RateLimits(ONE_PER_HOUR, PLENTY, PLENTY, PLENTY, PLENTY,
            PLENTY, PLENTY, PLENTY, PLENTY, PLENTY, PLENTY));
    private final AtomicInteger names = new AtomicInteger();

    private void registerFrom(String address) throws Exception {
        String name = "user" + names.incrementAndGet();
        core.app.registerUser().register(new RegisterUserCommand(name, name + "@example.com", "correct horse battery",
                ClientInfo.of("JUnit", InetAddress.getByName(address))));
    }

    @Test
    void anotherAddressInTheSameSlash64DoesNotGetAFreshBucket() throws Exception {
        registerFrom("2001:db8:1:2::1");
        assertThatThrownBy(() -> registerFrom("2001:db8:1:2::2")).isInstanceOf(RateLimited.class);
        assertThatThrownBy(() -> registerFrom("2001:db8:1:2:8000::1")).isInstanceOf(RateLimited.class);
        registerFrom("2001:db8:1:3::1");
    }

    @Test
    void ipv4AddressesAreCountedOneByOneAndAMappedOneIsTheSameClient() throws Exception {
        registerFrom("192.0.2.1");
        registerFrom("192.0.2.2");
        assertThatThrownBy(() -> registerFrom("::ffff:192.0.2.1")).isInstanceOf(RateLimited.class);
    }

    @Test
    void theSessionKeepsTheFullAddress() throws Exception {
        registerFrom("2001:db8:1:2::abcd");
        assertThat(core.sessions.listActive(core.users.findByUsername(
                        new Username("user1")).orElseThrow().id(), core.clock.instant()))
                .singleElement().satisfies(session -> assertThat(session.ip()).isEqualTo("2001:db8:1:2:0:0:0:abcd"));
    }
}
