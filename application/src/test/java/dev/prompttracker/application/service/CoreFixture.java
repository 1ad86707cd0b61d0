package dev.prompttracker.application.service;

import dev.prompttracker.application.ApplicationServices;
import dev.prompttracker.application.AuthSettings;
import dev.prompttracker.application.ContentSettings;
import dev.prompttracker.application.OutboundPorts;
import dev.prompttracker.application.RateLimits;
import dev.prompttracker.application.fake.InMemoryAccessLogRepository;
import dev.prompttracker.application.fake.InMemoryEmailDeliveryRepository;
import dev.prompttracker.application.fake.InMemoryEmailJobQueue;
import dev.prompttracker.application.fake.InMemoryMagicLinkRepository;
import dev.prompttracker.application.fake.InMemoryMailSender;
import dev.prompttracker.application.fake.InMemoryProgressRepository;
import dev.prompttracker.application.fake.InMemoryRateLimiter;
import dev.prompttracker.application.fake.InMemorySubscriberRepository;
import dev.prompttracker.application.fake.InMemoryBlobStore;
import dev.prompttracker.application.fake.InMemoryPasswordHasher;
import dev.prompttracker.application.fake.InMemoryPromptRepository;
import dev.prompttracker.application.fake.InMemorySequenceDiffer;
import dev.prompttracker.application.fake.InMemoryResponseRepository;
import dev.prompttracker.application.fake.InMemorySessionRepository;
import dev.prompttracker.application.fake.InMemoryTokenIssuer;
import dev.prompttracker.application.fake.InMemoryUserRepository;
import dev.prompttracker.application.fake.MutableClock;
import dev.prompttracker.application.port.in.AuthResult;
import dev.prompttracker.application.port.in.ClientInfo;
import dev.prompttracker.application.port.in.RegisterUserCommand;
import dev.prompttracker.application.port.in.VerifyEmailCommand;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.mail.MailMessage;
import dev.prompttracker.domain.user.Email;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real services over in-memory fakes and a hand-moved clock. */
final class CoreFixture {
    final MutableClock clock = MutableClock.startingAt("2026-11-22T10:00:00Z");
    final InMemoryUserRepository users = new InMemoryUserRepository();
    final InMemoryMagicLinkRepository magicLinks = new InMemoryMagicLinkRepository();
    final InMemorySessionRepository sessions = new InMemorySessionRepository(users, magicLinks);
    final InMemoryPromptRepository prompts = new InMemoryPromptRepository();
    final InMemoryResponseRepository responses = new InMemoryResponseRepository(prompts);
    final dev.prompttracker.application.fake.InMemoryRatingRepository ratings =
            new dev.prompttracker.application.fake.InMemoryRatingRepository(prompts);
    final dev.prompttracker.application.fake.InMemoryCollectionRepository collections =
            new dev.prompttracker.application.fake.InMemoryCollectionRepository(prompts);
    final InMemoryBlobStore blobs = new InMemoryBlobStore();
    final InMemoryPasswordHasher hasher = new InMemoryPasswordHasher();
    final InMemoryTokenIssuer tokens = new InMemoryTokenIssuer(clock);
    final InMemorySubscriberRepository subscribers = new InMemorySubscriberRepository();
    final InMemoryProgressRepository progress = new InMemoryProgressRepository();
    final InMemoryAccessLogRepository accessLog = new InMemoryAccessLogRepository();
    final InMemoryEmailJobQueue emailJobs = new InMemoryEmailJobQueue(clock, 3);
    final InMemoryMailSender mail = new InMemoryMailSender();
    final InMemoryEmailDeliveryRepository deliveries = new InMemoryEmailDeliveryRepository(subscribers);
    final InMemoryRateLimiter limiter = new InMemoryRateLimiter(clock);
    final ContentSettings content = new ContentSettings(URI.create("https://app.example"), 3, Duration.ofSeconds(30));
    final ApplicationServices app;

    CoreFixture() {
        this(RateLimits.generous());
    }

    CoreFixture(RateLimits limits) {
        this.limits = limits;
        this.app = create();
    }

    private final RateLimits limits;

    OutboundPorts ports() {
        return new OutboundPorts(users, sessions, prompts, responses, blobs, hasher, tokens, subscribers, progress,
                accessLog, magicLinks, emailJobs, mail, deliveries, limiter, new InMemorySequenceDiffer(), ratings, collections);
    }

    /** Another instance of the service over the same stores, as a second server would be. */
    ApplicationServices create() {
        return create(Set.of(Email.parse("admin@example.com")), clock);
    }

    /** Another instance with its own {@code ADMIN_EMAILS} and its own clock. */
    ApplicationServices create(Set<Email> adminEmails, java.time.Clock instanceClock) {
        return CoreWiring.create(ports(), AuthSettings.defaults(adminEmails), content, limits, instanceClock);
    }

    AuthResult register(String name) {
        return app.registerUser().register(new RegisterUserCommand(name, name + "@example.com",
                "correct horse battery", new ClientInfo("JUnit", "127.0.0.1")));
    }

    Actor.SignedIn actor(AuthResult result) {
        return app.authenticate().authenticate(result.accessToken());
    }

    /** Registers, then proves the address with the emailed link from the registering session (keeping the password). */
    AuthResult registerVerified(String name) {
        AuthResult registered = register(name);
        return app.verifyEmail().verifyEmail(new VerifyEmailCommand(linkToken(registered.user().email(), "verify-email"),
                actor(registered), new ClientInfo("JUnit", "127.0.0.1")));
    }

    /** Delivers the queued emails and returns the token of the newest {@code /auth/<path>?token=} link sent to {@code to}. */
    String linkToken(Email to, String path) {
        app.deliverEmails().deliverPending(100);
        Pattern link = Pattern.compile("/auth/" + Pattern.quote(path) + "\\?token=([A-Za-z0-9_-]+)");
        List<MailMessage> sent = mail.sent();
        for (int i = sent.size() - 1; i >= 0; i--) {
            Matcher matcher = link.matcher(sent.get(i).textBody());
            if (sent.get(i).to().equals(to) && matcher.find()) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("no /auth/" + path + " link was sent to " + to.value());
    }
}
