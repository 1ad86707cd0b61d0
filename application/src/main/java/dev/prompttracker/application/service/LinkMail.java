package dev.prompttracker.application.service;

import dev.prompttracker.application.ContentSettings;
import dev.prompttracker.application.port.out.MagicLinkRepository;
import dev.prompttracker.application.port.out.SubscriberRepository;
import dev.prompttracker.application.port.out.UserRepository;
import dev.prompttracker.domain.magiclink.MagicLink;
import dev.prompttracker.domain.magiclink.MagicLinkPurpose;
import dev.prompttracker.domain.mail.EmailJob;
import dev.prompttracker.domain.mail.MailMessage;
import dev.prompttracker.domain.subscriber.PersonName;
import dev.prompttracker.domain.subscriber.Subscriber;
import dev.prompttracker.domain.user.Email;
import dev.prompttracker.domain.user.User;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The email worker's side of links sent by email: when a job is delivered it decides whether the
 * address gets anything at all (a known subscriber or account; an account still unproven) and makes
 * the link then — so the request path never looks the address up, and no link token waits in a queue.
 * Each delivery attempt makes a fresh link; one that was made but never sent simply expires.
 */
final class LinkMail {
    private final SubscriberRepository subscribers;
    private final UserRepository users;
    private final MagicLinkRepository links;
    private final ContentSettings settings;
    private final Clock clock;
    private final OpaqueTokens secretTokens;

    LinkMail(SubscriberRepository subscribers, UserRepository users, MagicLinkRepository links,
             OpaqueTokens secretTokens, ContentSettings settings, Clock clock) {
        this.secretTokens = secretTokens;
        this.subscribers = subscribers;
        this.users = users;
        this.links = links;
        this.settings = settings;
        this.clock = clock;
    }

    /** The message the job stands for, or empty when the address gets nothing. */
    Optional<MailMessage> compose(EmailJob job) {
        return switch (job.kind()) {
            case MAGIC_LINK -> signInLink(job);
            case VERIFY_EMAIL -> verification(job.to());
        };
    }

    private Optional<MailMessage> signInLink(EmailJob job) {
        Email to = job.to();
        Optional<Subscriber> subscriber = subscribers.findByEmail(to);
        Optional<String> firstName = subscriber.flatMap(Subscriber::firstName).map(PersonName::value);
        String queuedLink = job.parameters().get("link");
        if (queuedLink != null) {
            // Queued by an earlier version, link and all.
            return Optional.of(EmailTemplates.signInLink(to, queuedLink, MagicLinkPurpose.LOGIN.lifetime(), firstName));
        }
        boolean mailable = subscriber.map(Subscriber::acceptsTransactionalMail).orElse(false)
                || users.findByEmail(to).isPresent();
        if (!mailable) {
            return Optional.empty();
        }
        String link = settings.magicLink(newToken(to, MagicLinkPurpose.LOGIN));
        return Optional.of(EmailTemplates.signInLink(to, link, MagicLinkPurpose.LOGIN.lifetime(), firstName));
    }

    private Optional<MailMessage> verification(Email to) {
        Optional<User> unproven = users.findByEmail(to).filter(user -> !user.emailVerified());
        if (unproven.isEmpty()) {
            return Optional.empty();
        }
        String link = settings.verificationLink(newToken(to, MagicLinkPurpose.VERIFY_EMAIL));
        return Optional.of(EmailTemplates.verifyEmail(to, link, MagicLinkPurpose.VERIFY_EMAIL.lifetime()));
    }

    private String newToken(Email to, MagicLinkPurpose purpose) {
        Instant now = clock.instant();
        String token = secretTokens.generate();
        links.create(MagicLink.Issued.now(OpaqueTokens.hash(token), to, purpose, now));
        return token;
    }
}
