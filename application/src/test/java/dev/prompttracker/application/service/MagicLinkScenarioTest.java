package dev.prompttracker.application.service;

import dev.prompttracker.application.port.in.AuthResult;
import dev.prompttracker.application.port.in.ClientInfo;
import dev.prompttracker.application.port.in.GetOwnSubscriptionQuery;
import dev.prompttracker.application.port.in.GetProgressAnalyticsQuery;
import dev.prompttracker.application.port.in.GetProgressQuery;
import dev.prompttracker.application.port.in.ProgressReport;
import dev.prompttracker.application.port.in.RecordContentAccessCommand;
import dev.prompttracker.application.port.in.RecordProgressCommand;
import dev.prompttracker.application.port.in.RequestMagicLinkCommand;
import dev.prompttracker.application.port.in.SignUpSubscriberCommand;
import dev.prompttracker.application.port.in.VerifyMagicLinkCommand;
import dev.prompttracker.domain.auth.Actor;
import dev.prompttracker.domain.error.Unauthenticated;
import dev.prompttracker.domain.mail.MailMessage;
import dev.prompttracker.domain.progress.ChapterStats;
import dev.prompttracker.domain.user.Email;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A reader's whole path through the real services: signs up, asks for a link, the worker mails it,
 * the link signs them in once, and their reading is recorded and shows in the admin's analytics.
 */
class MagicLinkScenarioTest {
    private static final ClientInfo BROWSER = new ClientInfo("Firefox", "203.0.113.7");
    private static final Pattern LINK = Pattern.compile("https://app\\.example/auth/verify\\?token=([A-Za-z0-9_-]+)");
    private final CoreFixture core = new CoreFixture();

    private String tokenIn(MailMessage message) {
        Matcher matcher = LINK.matcher(message.textBody());
        assertThat(matcher.find()).as("a magic link in %s", message.textBody()).isTrue();
        return matcher.group(1);
    }

    @Test
    void aSubscriberSignsInByEmailAndReads() {
        core.app.signUpSubscriber().signUp(new SignUpSubscriberCommand("  Zoe@Example.COM ", "Zoë", "Reader",
                "https://blog.example", "newsletter", "email", "launch", Actor.ANONYMOUS, BROWSER));
        core.app.requestMagicLink().requestMagicLink(new RequestMagicLinkCommand("zoe@example.com", BROWSER));
        assertThat(core.mail.sent()).as("nothing is sent on the request thread").isEmpty();
        assertThat(core.emailJobs.size()).isEqualTo(1);

        assertThat(core.app.deliverEmails().deliverPending(10)).isEqualTo(1);
        assertThat(core.mail.sent()).hasSize(1);
        MailMessage mail = core.mail.sent().getFirst();
        assertThat(mail.to()).isEqualTo(Email.parse("zoe@example.com"));
        assertThat(mail.textBody()).startsWith("Hi Zoë,");
        String token = tokenIn(mail);
        assertThat(core.magicLinks.stored().keySet()).extracting(h -> h.value()).doesNotContain(token);
        assertThat(core.subscribers.findByEmail(Email.parse("zoe@example.com")).orElseThrow().emailsSent()).isEqualTo(1);

        AuthResult session = core.app.verifyMagicLink().verifyMagicLink(new VerifyMagicLinkCommand(token, BROWSER));
        assertThat(session.user().email()).isEqualTo(Email.parse("zoe@example.com"));
        assertThat(session.user().passwordHash()).isEmpty();
        assertThat(session.user().username().value()).startsWith("zoe_");
        assertThatThrownBy(() -> core.app.verifyMagicLink().verifyMagicLink(new VerifyMagicLinkCommand(token, BROWSER)))
                .isInstanceOf(Unauthenticated.class);

        Actor.SignedIn zoe = core.actor(session);
        assertThat(core.app.ownSubscription().ownSubscription(new GetOwnSubscriptionQuery(zoe)).source().utmCampaign())
                .contains("launch");
        core.app.recordProgress().recordProgress(new RecordProgressCommand(zoe, 1, false, 300, List.of("intro"), List.of()));
        core.app.recordProgress().recordProgress(new RecordProgressCommand(zoe, 1, true, 120, List.of("outro"),
                List.of("quiz-1")));
        core.app.recordProgress().recordProgress(new RecordProgressCommand(zoe, 2, false, 60, List.of(), List.of()));
        core.app.recordContentAccess().recordContentAccess(new RecordContentAccessCommand(zoe, 1, "download", BROWSER));

        ProgressReport report = core.app.progress().progress(new GetProgressQuery(zoe));
        assertThat(report.chapters()).hasSize(2);
        assertThat(report.chapters().getFirst().timeSpentSeconds()).isEqualTo(420);
        assertThat(report.chapters().getFirst().videosWatched()).containsExactly("intro", "outro");
        assertThat(report.chapters().getFirst().completed()).isTrue();
        assertThat(report.summary().chaptersCompleted()).isEqualTo(1);
        assertThat(report.summary().totalTimeSpentSeconds()).isEqualTo(480);

        Actor.SignedIn admin = core.actor(core.registerVerified("admin"));
        List<ChapterStats> stats = core.app.progressAnalytics().progressAnalytics(new GetProgressAnalyticsQuery(admin));
        assertThat(stats).extracting(s -> s.chapter().value()).containsExactly(1, 2);
        assertThat(stats.getFirst().completionRate()).isEqualTo(1.0);
    }

    @Test
    void anUnknownAddressIsTreatedTheSameOnTheRequestAndGetsNothingFromTheWorker() {
        core.app.requestMagicLink().requestMagicLink(new RequestMagicLinkCommand("stranger@example.com", BROWSER));
        assertThat(core.emailJobs.size()).as("queued like any other address").isEqualTo(1);
        assertThat(core.magicLinks.stored()).as("no lookup, no link on the request path").isEmpty();

        assertThat(core.app.deliverEmails().deliverPending(10)).isEqualTo(1);

        assertThat(core.mail.sent()).isEmpty();
        assertThat(core.magicLinks.stored()).isEmpty();
        assertThat(core.emailJobs.size()).isZero();
        assertThat(core.emailJobs.deadLetters(10)).isEmpty();
    }

    @Test
    void aKnownAddressGetsItsLinkMadeByTheWorkerNotTheRequest() {
        core.app.signUpSubscriber().signUp(new SignUpSubscriberCommand("known@example.com", "", "", "", "", "", "",
                Actor.ANONYMOUS, BROWSER));
        core.app.requestMagicLink().requestMagicLink(new RequestMagicLinkCommand("known@example.com", BROWSER));
        assertThat(core.magicLinks.stored()).isEmpty();
        assertThat(core.emailJobs.size()).isEqualTo(1);
        core.app.deliverEmails().deliverPending(10);
        assertThat(core.magicLinks.stored()).hasSize(1);
        assertThat(core.mail.sent()).singleElement().satisfies(mail -> assertThat(tokenIn(mail)).hasSize(64));
    }

    @Test
    void anAccountHolderWhoIsNotSubscribedAlsoGetsALinkForTheirAccount() {
        AuthResult registered = core.registerVerified("holder");
        core.app.requestMagicLink().requestMagicLink(new RequestMagicLinkCommand("holder@example.com", BROWSER));
        AuthResult viaLink = core.app.verifyMagicLink().verifyMagicLink(
                new VerifyMagicLinkCommand(core.linkToken(Email.parse("holder@example.com"), "verify"), BROWSER));
        assertThat(viaLink.user().id()).isEqualTo(registered.user().id());
        assertThat(viaLink.user().passwordHash()).as("a proven account keeps its password").isPresent();
    }

    @Test
    void anExpiredLinkNeverWorks() {
        core.app.signUpSubscriber().signUp(new SignUpSubscriberCommand("late@example.com", "", "", "", "", "", "", Actor.ANONYMOUS, BROWSER));
        core.app.requestMagicLink().requestMagicLink(new RequestMagicLinkCommand("late@example.com", BROWSER));
        core.app.deliverEmails().deliverPending(10);
        String token = tokenIn(core.mail.sent().getFirst());
        core.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThatThrownBy(() -> core.app.verifyMagicLink().verifyMagicLink(new VerifyMagicLinkCommand(token, BROWSER)))
                .isInstanceOf(Unauthenticated.class);
        assertThat(core.app.purgeExpiredMagicLinks().purgeExpiredMagicLinks()).isZero();
        core.clock.advance(Duration.ofDays(2));
        assertThat(core.app.purgeExpiredMagicLinks().purgeExpiredMagicLinks()).isEqualTo(1);
    }
}
