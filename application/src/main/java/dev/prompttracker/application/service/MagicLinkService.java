package dev.prompttracker.application.service;

import dev.prompttracker.application.port.in.AuthResult;
import dev.prompttracker.application.port.in.PurgeExpiredMagicLinksUseCase;
import dev.prompttracker.application.port.in.RequestMagicLinkCommand;
import dev.prompttracker.application.port.in.RequestMagicLinkUseCase;
import dev.prompttracker.application.port.in.VerifyMagicLinkCommand;
import dev.prompttracker.application.port.in.VerifyMagicLinkUseCase;
import dev.prompttracker.application.port.out.EmailJobQueue;
import dev.prompttracker.application.port.out.MagicLinkRepository;
import dev.prompttracker.application.port.out.UserRepository;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.error.Conflict;
import dev.prompttracker.domain.error.Unauthenticated;
import dev.prompttracker.domain.magiclink.MagicLink;
import dev.prompttracker.domain.magiclink.MagicLinkPurpose;
import dev.prompttracker.domain.mail.EmailJob;
import dev.prompttracker.domain.mail.EmailJobKind;
import dev.prompttracker.domain.user.Email;
import dev.prompttracker.domain.user.User;
import dev.prompttracker.domain.user.UserId;
import dev.prompttracker.domain.user.Username;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Passwordless sign-in by email. Requesting a link does the same work for every address — check the
 * limits, queue a job — and answers the same; whether the address is known, and the link itself, are
 * the email worker's business ({@link LinkMail}), so neither the answer nor its timing tells anyone
 * which addresses have accounts. Using a link is one atomic, single-use, purpose-bound write, and proves
 * the address.
 */
final class MagicLinkService implements RequestMagicLinkUseCase, VerifyMagicLinkUseCase, PurgeExpiredMagicLinksUseCase {
    private static final String INVALID_LINK = "this sign-in link is invalid, used or expired";
    /** Expired links are kept a day for investigation, then purged. */
    private static final Duration KEEP_EXPIRED = Duration.ofDays(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserRepository users;
    private final MagicLinkRepository links;
    private final EmailJobQueue emailJobs;
    private final AuthService auth;
    private final Quotas quotas;
    private final Clock clock;

    MagicLinkService(UserRepository users, MagicLinkRepository links, EmailJobQueue emailJobs, AuthService auth,
                     Quotas quotas, Clock clock) {
        this.users = users;
        this.links = links;
        this.emailJobs = emailJobs;
        this.auth = auth;
        this.quotas = quotas;
        this.clock = clock;
    }

    @Override
    public void requestMagicLink(RequestMagicLinkCommand command) {
        Email email = Email.parse(command.email());
        quotas.magicLink(command.client(), email);
        emailJobs.enqueue(EmailJob.create(EmailJobKind.MAGIC_LINK, email, Map.of(), clock.instant()));
    }

    @Override
    public AuthResult verifyMagicLink(VerifyMagicLinkCommand command) {
        quotas.verifyMagicLink(command.client());
        if (!auth.secretTokens().isGenuine(command.token())) {
            throw new Unauthenticated(INVALID_LINK);
        }
        Instant now = clock.instant();
        MagicLink.Used used = links.consume(OpaqueTokens.hash(command.token()), MagicLinkPurpose.LOGIN, now)
                .orElseThrow(() -> new Unauthenticated(INVALID_LINK));
        Optional<User> existing = users.findByEmail(used.email());
        User user = existing.isPresent() ? auth.proveEmail(existing.get(), command.actor(), now)
                : passwordlessUser(used.email(), now);
        return auth.startSession(user, command.client(), now);
    }

    @Override
    public int purgeExpiredMagicLinks() {
        return links.deleteExpiredBefore(clock.instant().minus(KEEP_EXPIRED));
    }

    /** A subscriber's first sign-in: an account without a password, named after the email, its address proven. */
    private User passwordlessUser(Email email, Instant now) {
        for (int attempt = 0; attempt < 5; attempt++) {
            User user = User.provenByLink(UserId.random(), usernameFor(email), email, now);
            try {
                users.create(user);
                return user;
            } catch (Conflict taken) {
                Optional<User> sameEmail = users.findByEmail(email);
                if (sameEmail.isPresent()) {
                    return auth.proveEmail(sameEmail.get(), Actor.ANONYMOUS, now);
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
