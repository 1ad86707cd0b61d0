package dev.prompttracker.application.service;

import dev.prompttracker.application.ApplicationServices;
import dev.prompttracker.application.AuthSettings;
import dev.prompttracker.application.OutboundPorts;
import dev.prompttracker.application.RateLimits;
import dev.prompttracker.application.port.in.AuthResult;
import dev.prompttracker.application.port.in.ClientInfo;
import dev.prompttracker.application.port.in.GetPromptQuery;
import dev.prompttracker.application.port.in.ListPublicPromptsQuery;
import dev.prompttracker.application.port.in.ListResponsesQuery;
import dev.prompttracker.application.port.in.RefreshSessionCommand;
import dev.prompttracker.application.port.out.PromptRepository;
import dev.prompttracker.application.port.out.RateLimiter;
import dev.prompttracker.application.port.out.SessionRepository;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.error.NotFound;
import dev.prompttracker.domain.error.RateLimited;
import dev.prompttracker.domain.error.Unauthenticated;
import dev.prompttracker.domain.page.PageCursor;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.user.Email;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Anonymous requests that would reach a store are what an attacker sends to spend a deployment's
 * remote budget: they are limited per address, a made-up token never reaches the store, and an id
 * that does not exist is remembered as missing.
 */
class AnonymousReadsTest {
    private static final int LIMIT = 5;
    private static final ClientInfo ATTACKER = new ClientInfo("curl", "198.51.100.66");
    private final CoreFixture core = new CoreFixture(RateLimits.generous().withAnonymousReadsPerIp(
            new RateLimiter.Limit(LIMIT, Duration.ofMinutes(1))));
    private final AtomicInteger promptReads = new AtomicInteger();
    private final AtomicInteger sessionReads = new AtomicInteger();
    private final ApplicationServices app = CoreWiring.create(
            counted(core.ports()), AuthSettings.defaults(Set.of(Email.parse("admin@example.com"))), core.content,
            RateLimits.generous().withAnonymousReadsPerIp(new RateLimiter.Limit(LIMIT, Duration.ofMinutes(1))),
            core.clock);

    private OutboundPorts counted(OutboundPorts ports) {
        return new OutboundPorts(ports.users(), counting(SessionRepository.class, ports.sessions(), sessionReads),
                counting(PromptRepository.class, ports.prompts(), promptReads), ports.responses(), ports.blobs(),
                ports.passwordHasher(), ports.tokenIssuer(), ports.subscribers(), ports.progress(), ports.accessLog(),
                ports.magicLinks(), ports.emailJobs(), ports.mailSender(), ports.emailDeliveries(), ports.rateLimiter(),
                ports.differ(), ports.ratings(), ports.collections());
    }

    /** The store, with every read ({@code find…} and {@code list…}) counted. */
    @SuppressWarnings("unchecked")
    private static <T> T counting(Class<T> port, T store, AtomicInteger reads) {
        return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            // A refresh reads the session in the same call as it rotates it.
            if (method.getName().startsWith("find") || method.getName().startsWith("list")
                    || method.getName().equals("refresh")) {
                reads.incrementAndGet();
            }
            try {
                return method.invoke(store, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @Test
    void anonymousReadsOfPromptsThatNeedTheStoreAreLimitedPerAddress() {
        for (int i = 0; i < LIMIT; i++) {
            String id = PromptId.random().value();
            assertThatThrownBy(() -> app.getPrompt().getPrompt(new GetPromptQuery(Actor.ANONYMOUS, id, ATTACKER)))
                    .isInstanceOf(NotFound.class);
        }
        assertThatThrownBy(() -> app.getPrompt().getPrompt(new GetPromptQuery(Actor.ANONYMOUS,
                PromptId.random().value(), ATTACKER))).isInstanceOf(RateLimited.class);
        assertThatThrownBy(() -> app.listResponses().listResponses(new ListResponsesQuery(Actor.ANONYMOUS,
                PromptId.random().value(), "", ATTACKER))).isInstanceOf(RateLimited.class);
        assertThat(promptReads).hasValue(LIMIT);

        ClientInfo someoneElse = new ClientInfo("Firefox", "203.0.113.9");
        assertThatThrownBy(() -> app.getPrompt().getPrompt(new GetPromptQuery(Actor.ANONYMOUS,
                PromptId.random().value(), someoneElse))).isInstanceOf(NotFound.class);
    }

    @Test
    void anIdFoundMissingIsNotLookedUpAgainForAWhile() {
        String id = PromptId.random().value();
        Actor.SignedIn reader = app.authenticate().authenticate(registered().accessToken());
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> app.getPrompt().getPrompt(new GetPromptQuery(reader, id, ATTACKER)))
                    .isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> app.listResponses().listResponses(new ListResponsesQuery(reader, id, "", ATTACKER)))
                    .isInstanceOf(NotFound.class);
        }
        assertThat(promptReads).hasValue(1);
        core.clock.advance(MissingPrompts.REMEMBERED_FOR.plusSeconds(1));
        assertThatThrownBy(() -> app.getPrompt().getPrompt(new GetPromptQuery(reader, id, ATTACKER)))
                .isInstanceOf(NotFound.class);
        assertThat(promptReads).hasValue(2);
        assertThatThrownBy(() -> app.getPrompt().getPrompt(new GetPromptQuery(reader, "not-an-id", ATTACKER)))
                .isInstanceOf(NotFound.class);
        assertThat(promptReads).as("a malformed id never reaches the store").hasValue(2);
    }

    @Test
    void publicFeedPagesThatMissTheCacheAreLimitedForAnonymousCallersOnly() {
        for (int i = 0; i < LIMIT; i++) {
            app.listPublicPrompts().listPublicPrompts(new ListPublicPromptsQuery(20, randomCursor(), "",
                    Actor.ANONYMOUS, ATTACKER));
        }
        assertThatThrownBy(() -> app.listPublicPrompts().listPublicPrompts(new ListPublicPromptsQuery(20,
                randomCursor(), "", Actor.ANONYMOUS, ATTACKER))).isInstanceOf(RateLimited.class);
        Actor.SignedIn reader = app.authenticate().authenticate(registered().accessToken());
        for (int i = 0; i < LIMIT * 2; i++) {
            app.listPublicPrompts().listPublicPrompts(new ListPublicPromptsQuery(20, randomCursor(), "", reader,
                    ATTACKER));
        }
    }

    @Test
    void aMadeUpRefreshTokenNeverReachesTheStore() {
        AuthResult session = registered();
        int before = sessionReads.get();
        String madeUp = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(48));
        String tampered = flipLastCharacter(session.refreshToken());
        for (String token : new String[] {madeUp, tampered, "x".repeat(43), ""}) {
            for (int i = 0; i < 20; i++) {
                assertThatThrownBy(() -> app.refreshSession().refresh(new RefreshSessionCommand(token, ATTACKER)))
                        .isInstanceOf(Unauthenticated.class);
            }
        }
        assertThat(sessionReads).hasValue(before);

        AuthResult rotated = app.refreshSession().refresh(new RefreshSessionCommand(session.refreshToken(), ATTACKER));
        assertThat(rotated.refreshToken()).hasSize(OpaqueTokens.LENGTH);
        assertThat(sessionReads.get()).isGreaterThan(before);
    }

    @Test
    void aTokenIsGenuineOnlyUnderTheKeyThatMadeIt() {
        OpaqueTokens ours = new OpaqueTokens(randomBytes(32));
        OpaqueTokens theirs = new OpaqueTokens(randomBytes(32));
        String token = ours.generate();
        assertThat(ours.isGenuine(token)).isTrue();
        assertThat(theirs.isGenuine(token)).isFalse();
        assertThat(ours.isGenuine(flipLastCharacter(token))).isFalse();
        assertThat(ours.isGenuine(token.substring(1) + "A")).isFalse();
        assertThat(ours.isGenuine(null)).isFalse();
        assertThat(ours.generate()).isNotEqualTo(token).hasSize(OpaqueTokens.LENGTH);
    }

    private AuthResult registered() {
        String name = "reader" + ThreadLocalRandom.current().nextInt(1_000_000);
        return app.registerUser().register(new dev.prompttracker.application.port.in.RegisterUserCommand(name,
                name + "@example.com", "correct horse battery", ATTACKER));
    }

    private static String randomCursor() {
        return new PageCursor(Instant.ofEpochMilli(ThreadLocalRandom.current().nextLong(1, 1L << 40)),
                PromptId.random().value()).token();
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static String flipLastCharacter(String token) {
        char last = token.charAt(token.length() - 1);
        return token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    }
}
