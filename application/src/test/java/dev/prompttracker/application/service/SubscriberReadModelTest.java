package dev.prompttracker.application.service;

import dev.prompttracker.application.ApplicationServices;
import dev.prompttracker.application.AuthSettings;
import dev.prompttracker.application.CacheSettings;
import dev.prompttracker.application.OutboundPorts;
import dev.prompttracker.application.RateLimits;
import dev.prompttracker.application.port.in.ClientInfo;
import dev.prompttracker.application.port.in.GetOwnSubscriptionQuery;
import dev.prompttracker.application.port.in.RecordContentAccessCommand;
import dev.prompttracker.application.port.in.RequestMagicLinkCommand;
import dev.prompttracker.application.port.in.SignUpSubscriberCommand;
import dev.prompttracker.application.port.in.UpdateSubscriberCommand;
import dev.prompttracker.application.port.out.SubscriberRepository;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.error.Forbidden;
import dev.prompttracker.domain.page.Page;
import dev.prompttracker.domain.page.PageRequest;
import dev.prompttracker.domain.subscriber.Subscriber;
import dev.prompttracker.domain.user.Email;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Subscribers follow the prompts' read model: every handbook request checks its reader's subscription
 * from memory, a write through this instance is seen at once, one through another instance on the same
 * stores within {@code SUBSCRIBER_CACHE_SECONDS}.
 */
class SubscriberReadModelTest {
    private static final ClientInfo CLIENT = new ClientInfo("JUnit", "198.51.100.1");
    private final CoreFixture fixture = new CoreFixture();
    private final AtomicInteger lookups = new AtomicInteger();
    private final SubscriberRepository counted = new SubscriberRepository() {
        @Override
        public Subscriber createIfAbsent(Subscriber candidate) {
            return fixture.subscribers.createIfAbsent(candidate);
        }

        @Override
        public Optional<Subscriber> findByEmail(Email email) {
            lookups.incrementAndGet();
            return fixture.subscribers.findByEmail(email);
        }

        @Override
        public void update(Subscriber revised) {
            fixture.subscribers.update(revised);
        }

        @Override
        public Page<Subscriber> list(PageRequest page) {
            return fixture.subscribers.list(page);
        }
    };

    /** An instance of the core over the shared stores, its subscriber lookups counted. */
    private ApplicationServices instance(CacheSettings subscriberCache) {
        OutboundPorts p = fixture.ports();
        return CoreWiring.create(new OutboundPorts(p.users(), p.sessions(), p.prompts(), p.responses(), p.blobs(),
                        p.passwordHasher(), p.tokenIssuer(), counted, p.progress(), p.accessLog(), p.magicLinks(),
                        p.emailJobs(), p.mailSender(), p.emailDeliveries(), p.rateLimiter(), p.differ(), p.ratings(), p.collections()),
                AuthSettings.defaults(Set.of(Email.parse("admin@example.com"))), fixture.content, RateLimits.generous(),
                CacheSettings.promptDefaults(), subscriberCache, fixture.clock);
    }

    private Actor.SignedIn subscribedReader(String name) {
        fixture.app.signUpSubscriber().signUp(new SignUpSubscriberCommand(name + "@example.com", "", "", "", "", "",
                "", Actor.ANONYMOUS, CLIENT));
        return fixture.actor(fixture.registerVerified(name));
    }

    private void revokeAccess(ApplicationServices through, String name) {
        Actor.SignedIn admin = fixture.actor(fixture.registerVerified("admin"));
        through.updateSubscriber().updateSubscriber(new UpdateSubscriberCommand(admin, name + "@example.com",
                Optional.of(false), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    /** A chapter read: the request that checks its reader's subscription. */
    private static void readHandbook(ApplicationServices app, Actor.SignedIn reader) {
        app.recordContentAccess().recordContentAccess(new RecordContentAccessCommand(reader, 1, "VIEW", CLIENT));
    }

    @Test
    void aReadersRequestsLookTheSubscriptionUpOnce() {
        ApplicationServices app = instance(CacheSettings.subscriberDefaults());
        Actor.SignedIn reader = subscribedReader("reader");
        for (int i = 0; i < 5; i++) {
            readHandbook(app, reader);
        }
        app.ownSubscription().ownSubscription(new GetOwnSubscriptionQuery(reader));
        assertThat(lookups).hasValue(1);
    }

    @Test
    void turnedOffEveryRequestLooksItUp() {
        ApplicationServices app = instance(CacheSettings.disabled());
        Actor.SignedIn reader = subscribedReader("reader");
        for (int i = 0; i < 3; i++) {
            readHandbook(app, reader);
        }
        assertThat(lookups).hasValue(3);
    }

    @Test
    void anAdminsChangeThroughThisInstanceIsSeenAtOnce() {
        ApplicationServices app = instance(CacheSettings.subscriberDefaults());
        Actor.SignedIn reader = subscribedReader("reader");
        readHandbook(app, reader);
        revokeAccess(app, "reader");
        assertThatThrownBy(() -> readHandbook(app, reader)).isInstanceOf(Forbidden.class);
    }

    @Test
    void aChangeThroughAnotherInstanceIsSeenHereWithinTheTimeToLive() {
        ApplicationServices here = instance(CacheSettings.subscriberDefaults());
        ApplicationServices there = instance(CacheSettings.subscriberDefaults());
        Actor.SignedIn reader = subscribedReader("reader");
        readHandbook(here, reader);
        revokeAccess(there, "reader");
        readHandbook(here, reader);
        fixture.clock.advance(CacheSettings.subscriberDefaults().timeToLive().minus(Duration.ofMillis(1)));
        readHandbook(here, reader);
        fixture.clock.advance(Duration.ofMillis(1));
        assertThatThrownBy(() -> readHandbook(here, reader)).as("past the time to live")
                .isInstanceOf(Forbidden.class);
    }

    @Test
    void aSignupThroughThisInstanceReplacesAKnownAbsence() {
        ApplicationServices app = instance(CacheSettings.subscriberDefaults());
        Actor.SignedIn reader = fixture.actor(fixture.registerVerified("late"));
        assertThatThrownBy(() -> readHandbook(app, reader)).isInstanceOf(Forbidden.class);
        app.signUpSubscriber().signUp(new SignUpSubscriberCommand("late@example.com", "", "", "", "", "", "",
                Actor.ANONYMOUS, CLIENT));
        readHandbook(app, reader);
    }

    @Test
    void aSentEmailsCountersShowAtOnce() {
        ApplicationServices app = instance(CacheSettings.subscriberDefaults());
        Actor.SignedIn reader = subscribedReader("reader");
        int before = app.ownSubscription().ownSubscription(new GetOwnSubscriptionQuery(reader)).emailsSent();
        app.requestMagicLink().requestMagicLink(new RequestMagicLinkCommand("reader@example.com", CLIENT));
        app.deliverEmails().deliverPending(100);
        assertThat(app.ownSubscription().ownSubscription(new GetOwnSubscriptionQuery(reader)).emailsSent())
                .isEqualTo(before + 1);
    }

    @Test
    void aLookupThatRacedAWriteCannotStoreItsOlderResult() {
        Email email = Email.parse("racing@example.com");
        SubscriberReadModel[] model = new SubscriberReadModel[1];
        AtomicInteger reads = new AtomicInteger();
        SubscriberRepository racing = new SubscriberRepository() {
            @Override
            public Subscriber createIfAbsent(Subscriber candidate) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<Subscriber> findByEmail(Email wanted) {
                if (reads.incrementAndGet() == 1) {
                    model[0].write(wanted, () -> { });   // a write lands while the first lookup is under way
                }
                return Optional.empty();
            }

            @Override
            public void update(Subscriber revised) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Page<Subscriber> list(PageRequest page) {
                throw new UnsupportedOperationException();
            }
        };
        model[0] = new SubscriberReadModel(racing, CacheSettings.subscriberDefaults(), fixture.clock);
        model[0].find(email);
        model[0].find(email);
        model[0].find(email);
        assertThat(reads).as("the raced result was not kept; the next one was").hasValue(2);
    }

    @Test
    void memoryStaysWithinItsBudget() {
        CacheSettings small = new CacheSettings(Duration.ofMinutes(1), 16 * 1024);
        SubscriberReadModel model = new SubscriberReadModel(fixture.subscribers, small, fixture.clock);
        for (int i = 0; i < 500; i++) {
            model.find(Email.parse("nobody" + i + "@example.com"));
        }
        assertThat(model.bytes()).isPositive().isLessThanOrEqualTo(small.maxBytes());
    }
}
