package dev.prompttracker.application.service;

import dev.prompttracker.application.ContentSettings;
import dev.prompttracker.application.port.in.AuthResult;
import dev.prompttracker.application.port.in.PurgeExpiredMagicLinksUseCase;
import dev.prompttracker.application.port.in.RequestMagicLinkCommand;
import dev.prompttracker.application.port.in.RequestMagicLinkUseCase;
import dev.prompttracker.application.port.in.VerifyMagicLinkCommand;
import dev.prompttracker.application.port.in.VerifyMagicLinkUseCase;
import dev.prompttracker.application.port.out.EmailJobQueue;
import dev.prompttracker.application.port.out.MagicLinkRepository;
import dev.prompttracker.application.port.out.SubscriberRepository;
import dev.prompttracker.application.port.out.UserRepository;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.Unauthenticated;
import dev.prompttracker.domain.magiclink.MagicLink;
import dev.prompttracker.domain.magiclink.MagicLinkPurpose;
import dev.prompttracker.domain.mail.EmailJob;
import dev.prompttracker.domain.mail.EmailJobKind;
import dev.prompttracker.domain.subscriber.PersonName;
import dev.prompttracker.domain.subscriber.Subscriber;
import dev.prompttracker.domain.user.Email;
import dev.prompttracker.domain.user.Role;
import dev.prompttracker.domain.user.User;
import dev.prompttracker.domain.user.UserId;
import dev.prompttracker.domain.user.Username;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Passwordless sign-in by email. Requesting a link answers the same for every address and only
 * queues the email; using a link is one atomic, single-use, purpose-bound write.
 */
final class MagicLinkService implements RequestMagicLinkUseCase, VerifyMagicLinkUseCase, PurgeExpiredMagicLinksUseCase {
    private static final String INVALID_LINK = "this sign-in link is invalid, used or expired";
    /** Expired links are kept a day for investigation, then purged. */
    private static final Duration KEEP_EXPIRED = Duration.ofDays(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SubscriberRepository subscribers;
    private final UserRepository users;
    private final MagicLinkRepository links;
    private final EmailJobQueue emailJobs;
    private final AuthService auth;
    private final Quotas quotas;
    private final ContentSettings settings;
    private final Clock clock;
    private final OpaqueTokens secretTokens = new OpaqueTokens();

    MagicLinkService(SubscriberRepository subscribers, UserRepository users, MagicLinkRepository links,
                     EmailJobQueue emailJobs, AuthService auth, Quotas quotas, ContentSettings settings, Clock clock) {
        this.subscribers = subscribers;
        this.users = users;
        this.links = links;
        this.emailJobs = emailJobs;
        this.auth = auth;
        this.quotas = quotas;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void requestMagicLink(RequestMagicLinkCommand command) {
        Email email = Email.parse(command.email());
        quotas.magicLink(command.client(), email);
        Optional<Subscriber> subscriber = subscribers.findByEmail(email);
        Optional<User> user = users.findByEmail(email);
        boolean mailable = subscriber.map(Subscriber::acceptsTransactionalMail).orElse(false) || user.isPresent();
        if (!mailable) {
            return;
        }
        Instant now = clock.instant();
        String token = secretTokens.generate();
        links.create(MagicLink.Issued.now(OpaqueTokens.hash(token), email, MagicLinkPurpose.LOGIN, now));
        Map<String, String> parameters = new HashMap<>();
        parameters.put("link", settings.magicLink(token));
        parameters.put("expiresInMinutes", Long.toString(MagicLink.LIFETIME.toMinutes()));
        subscriber.flatMap(Subscriber::firstName).map(PersonName::value).ifPresent(name -> parameters.put("firstName", name));
        emailJobs.enqueue(EmailJob.create(EmailJobKind.MAGIC_LINK, email, parameters, now));
    }

    @Override
    public AuthResult verifyMagicLink(VerifyMagicLinkCommand command) {
        quotas.verifyMagicLink(command.client());
        if (!OpaqueTokens.isWellFormed(command.token())) {
            throw new Unauthenticated(INVALID_LINK);
        }
        Instant now = clock.instant();
        MagicLink.Used used = links.consume(OpaqueTokens.hash(command.token()), MagicLinkPurpose.LOGIN, now)
                .orElseThrow(() -> new Unauthenticated(INVALID_LINK));
        User user = users.findByEmail(used.email()).orElseGet(() -> passwordlessUser(used.email(), now));
        return auth.startSession(user, command.client(), now);
    }

    @Override
    public int purgeExpiredMagicLinks() {
        return links.deleteExpiredBefore(clock.instant().minus(KEEP_EXPIRED));
    }

    /** A subscriber's first sign-in: an account without a password, named after the email. */
    private User passwordlessUser(Email email, Instant now) {
        for (int attempt = 0; attempt < 5; attempt++) {
            User user = new User(UserId.random(), usernameFor(email), email, Optional.empty(), Role.USER, now, now);
            try {
                users.create(user);
                return user;
            } catch (Conflict taken) {
                Optional<User> sameEmail = users.findByEmail(email);
                if (sameEmail.isPresent()) {
                    return sameEmail.get();
                }
            }
        }
        throw new Conflict("could not choose a username; try again");
    }

    private static Username usernameFor(Email email) {
        String local = email.value().substring(0, email.value().indexOf('@')).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_.-]", "");
        if (local.length() > 24) {
            local = local.substring(0, 24);
        }
        if (local.length() < 3) {
            local = "reader";
        }
        return new Username(local + "_" + Integer.toString(RANDOM.nextInt(36 * 36 * 36 * 36), 36));
    }
}
