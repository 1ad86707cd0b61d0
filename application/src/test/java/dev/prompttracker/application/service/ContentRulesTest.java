package dev.prompttracker.application.service;

import dev.prompttracker.application.RateLimits;
import dev.prompttracker.application.port.in.ClientInfo;
import dev.prompttracker.application.port.in.GetProgressAnalyticsQuery;
import dev.prompttracker.application.port.in.ListContentAccessQuery;
import dev.prompttracker.application.port.in.ListSubscribersQuery;
import dev.prompttracker.application.port.in.RecordContentAccessCommand;
import dev.prompttracker.application.port.in.RecordProgressCommand;
import dev.prompttracker.application.port.in.RequestMagicLinkCommand;
import dev.prompttracker.application.port.in.SignUpSubscriberCommand;
import dev.prompttracker.application.port.in.UpdateSubscriberCommand;
import dev.prompttracker.application.port.out.RateLimiter;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.error.Forbidden;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.error.RateLimited;
import dev.prompttracker.domain.error.Unauthenticated;
import dev.prompttracker.domain.subscriber.Subscriber;
import dev.prompttracker.domain.subscriber.SubscriberState;
import dev.prompttracker.domain.user.Email;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentRulesTest {
    private static final ClientInfo CLIENT = new ClientInfo("JUnit", "198.51.100.1");
    private final CoreFixture core = new CoreFixture();

    private Actor.SignedIn subscribedReader(String name) {
        core.app.signUpSubscriber().signUp(new SignUpSubscriberCommand(name + "@example.com", "", "", "", "", "", "",
                Actor.ANONYMOUS, CLIENT));
        return core.actor(core.registerVerified(name));
    }

    private Actor.SignedIn admin() {
        return core.actor(core.registerVerified("admin"));
    }

    @Test
    void signupIsIdempotentAndOnlyTheProvenOwnerReactivatesAnUnsubscribedAddress() {
        for (int i = 0; i < 3; i++) {
            assertThat(core.app.signUpSubscriber().signUp(new SignUpSubscriberCommand("Same@Example.com", "First", "",
                    "", "", "", "", Actor.ANONYMOUS, CLIENT))).isEqualTo(Email.parse("same@example.com"));
        }
        Subscriber stored = core.subscribers.findByEmail(Email.parse("same@example.com")).orElseThrow();
        assertThat(stored.hasAccess()).isTrue();
        assertThat(stored.hasPurchased()).isFalse();
        core.subscribers.update(stored.administer(true, false, Optional.empty(), SubscriberState.UNSUBSCRIBED,
                core.clock.instant()));
        core.app.signUpSubscriber().signUp(new SignUpSubscriberCommand("same@example.com", "", "", "", "", "", "", Actor.ANONYMOUS,
                CLIENT));
        assertThat(core.subscribers.findByEmail(Email.parse("same@example.com")).orElseThrow().state())
                .as("a public signup cannot bring back an address that unsubscribed").isEqualTo(SubscriberState.UNSUBSCRIBED);
        Actor.SignedIn claimsIt = core.actor(core.app.registerUser().register(
                new dev.prompttracker.application.port.in.RegisterUserCommand("same", "same@example.com",
                        "correct horse battery", CLIENT)));
        core.app.signUpSubscriber().signUp(new SignUpSubscriberCommand("same@example.com", "", "", "", "", "", "", claimsIt,
                CLIENT));
        assertThat(core.subscribers.findByEmail(Email.parse("same@example.com")).orElseThrow().state())
                .as("nor can an account whose address is unproven").isEqualTo(SubscriberState.UNSUBSCRIBED);
        Actor.SignedIn owner = core.actor(core.app.verifyEmail().verifyEmail(
                new dev.prompttracker.application.port.in.VerifyEmailCommand(
                        core.linkToken(Email.parse("same@example.com"), "verify-email"), claimsIt, CLIENT)));
        core.app.signUpSubscriber().signUp(new SignUpSubscriberCommand("same@example.com", "", "", "", "", "", "", owner,
                CLIENT));
        assertThat(core.subscribers.findByEmail(Email.parse("same@example.com")).orElseThrow().state())
                .as("the proven owner can").isEqualTo(SubscriberState.ACTIVE);
        assertThatThrownBy(() -> core.app.signUpSubscriber().signUp(new SignUpSubscriberCommand("not-an-email", "", "",
                "", "", "", "", Actor.ANONYMOUS, CLIENT))).isInstanceOf(Invalid.class);
    }

    @Test
    void onlyAdminsListAndChangeSubscribersOrSeeAnalyticsAndLogs() {
        Actor.SignedIn reader = subscribedReader("reader");
        assertThatThrownBy(() -> core.app.listSubscribers().listSubscribers(new ListSubscribersQuery(reader, 0, "")))
                .isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> core.app.progressAnalytics().progressAnalytics(new GetProgressAnalyticsQuery(reader)))
                .isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> core.app.listContentAccess().listContentAccess(new ListContentAccessQuery(reader, 0,
                Optional.empty(), Optional.empty(), 0, ""))).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> core.app.listSubscribers().listSubscribers(new ListSubscribersQuery(Actor.ANONYMOUS, 0,
                ""))).isInstanceOf(Unauthenticated.class);

        Actor.SignedIn admin = admin();
        assertThat(core.app.listSubscribers().listSubscribers(new ListSubscribersQuery(admin, 0, "")).items()).hasSize(1);
        Subscriber changed = core.app.updateSubscriber().updateSubscriber(new UpdateSubscriberCommand(admin,
                "READER@example.com", Optional.of(false), Optional.of(true), Optional.of("vip-2026"), Optional.empty()));
        assertThat(changed.hasAccess()).isFalse();
        assertThat(changed.hasPurchased()).isTrue();
        assertThat(changed.discountCode()).map(c -> c.value()).contains("VIP-2026");
        assertThatThrownBy(() -> core.app.recordProgress().recordProgress(new RecordProgressCommand(reader, 1, true, 1,
                List.of(), List.of()))).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> core.app.updateSubscriber().updateSubscriber(new UpdateSubscriberCommand(admin,
                "reader@example.com", Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("GONE"))))
                .isInstanceOf(Invalid.class);
    }

    @Test
    void chapterNumbersStartAtOneAndAccessTypesAreKnown() {
        Actor.SignedIn reader = subscribedReader("counter");
        assertThatThrownBy(() -> core.app.recordProgress().recordProgress(new RecordProgressCommand(reader, 0, false, 1,
                List.of(), List.of()))).isInstanceOf(Invalid.class).hasMessageContaining("chapterNumber");
        assertThatThrownBy(() -> core.app.recordProgress().recordProgress(new RecordProgressCommand(reader, 1, false, -5,
                List.of(), List.of()))).isInstanceOf(Invalid.class).hasMessageContaining("timeSpentSeconds");
        assertThatThrownBy(() -> core.app.recordContentAccess().recordContentAccess(new RecordContentAccessCommand(reader,
                1, "PRINT", CLIENT))).isInstanceOf(Invalid.class).hasMessageContaining("accessType");
    }

    @Test
    void concurrentReportsForOneChapterAllCount() throws Exception {
        Actor.SignedIn reader = subscribedReader("busy");
        int reports = 16;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Object>> calls = new ArrayList<>();
        for (int i = 0; i < reports; i++) {
            int n = i;
            calls.add(() -> {
                start.await();
                return core.app.recordProgress().recordProgress(new RecordProgressCommand(reader, 4, n == 7, 10,
                        List.of("video-" + n), List.of()));
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Object>> futures = calls.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Object> future : futures) {
                future.get();
            }
        }
        var stored = core.progress.listByEmail(reader.email()).getFirst();
        assertThat(stored.timeSpentSeconds()).isEqualTo(10L * reports);
        assertThat(stored.videosWatched()).hasSize(reports);
        assertThat(stored.completed()).isTrue();
    }

    @Test
    void loginsAreLimitedPerAccountAndPerIp() {
        RateLimits d = RateLimits.defaults();
        CoreFixture limited = new CoreFixture(new RateLimits(d.registerPerIp(), new RateLimiter.Limit(4, Duration.ofMinutes(1)),
                new RateLimiter.Limit(2, Duration.ofMinutes(15)), d.signupPerIp(), d.signupPerEmail(), d.magicLinkPerIp(),
                d.magicLinkPerEmail(), d.verifyPerIp(), d.writesPerUser(), d.verificationEmailPerAccount(),
                d.anonymousReadsPerIp()));
        limited.register("target");
        var wrong = new dev.prompttracker.application.port.in.LogInCommand("target", "wrong password!", CLIENT);
        assertThatThrownBy(() -> limited.app.logIn().logIn(wrong)).isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> limited.app.logIn().logIn(wrong)).isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> limited.app.logIn().logIn(wrong)).isInstanceOf(RateLimited.class);
        var other = new dev.prompttracker.application.port.in.LogInCommand("someone", "wrong password!", CLIENT);
        assertThatThrownBy(() -> limited.app.logIn().logIn(other)).isInstanceOf(Unauthenticated.class);
        assertThatThrownBy(() -> limited.app.logIn().logIn(other)).isInstanceOf(RateLimited.class);
    }

    @Test
    void magicLinkRequestsAreLimitedPerAddressAndPerIp() {
        RateLimits tight = new RateLimits(
                RateLimits.defaults().registerPerIp(), RateLimits.defaults().loginPerIp(),
                RateLimits.defaults().loginPerAccount(), RateLimits.defaults().signupPerIp(),
                RateLimits.defaults().signupPerEmail(), new RateLimiter.Limit(5, Duration.ofMinutes(15)),
                new RateLimiter.Limit(2, Duration.ofMinutes(15)), RateLimits.defaults().verifyPerIp(),
                RateLimits.defaults().writesPerUser(), RateLimits.defaults().verificationEmailPerAccount(),
                RateLimits.defaults().anonymousReadsPerIp());
        CoreFixture limited = new CoreFixture(tight);
        limited.app.requestMagicLink().requestMagicLink(new RequestMagicLinkCommand("a@example.com", CLIENT));
        limited.app.requestMagicLink().requestMagicLink(new RequestMagicLinkCommand("a@example.com", CLIENT));
        assertThatThrownBy(() -> limited.app.requestMagicLink().requestMagicLink(new RequestMagicLinkCommand(
                "a@example.com", CLIENT))).isInstanceOfSatisfying(RateLimited.class,
                e -> assertThat(e.retryAfter()).isPositive());
        limited.app.requestMagicLink().requestMagicLink(new RequestMagicLinkCommand("b@example.com", CLIENT));
        limited.app.requestMagicLink().requestMagicLink(new RequestMagicLinkCommand("c@example.com", CLIENT));
        assertThatThrownBy(() -> limited.app.requestMagicLink().requestMagicLink(new RequestMagicLinkCommand(
                "d@example.com", CLIENT))).isInstanceOf(RateLimited.class);
        limited.app.requestMagicLink().requestMagicLink(new RequestMagicLinkCommand("d@example.com",
                new ClientInfo("other", "198.51.100.2")));
    }
}
