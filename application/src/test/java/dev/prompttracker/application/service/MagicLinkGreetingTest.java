package dev.prompttracker.application.service;

import dev.prompttracker.domain.mail.EmailJob;
import dev.prompttracker.domain.mail.EmailJobKind;
import dev.prompttracker.domain.user.Email;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The greeting passes the first name through the domain's name rule, also for jobs queued before it. */
class MagicLinkGreetingTest {
    private static final String LINK = "https://app.example/auth/verify?token=abc";

    private static String body(Map<String, String> parameters) {
        return EmailTemplates.render(EmailJob.create(EmailJobKind.MAGIC_LINK, Email.parse("r@example.com"),
                parameters, Instant.EPOCH)).textBody();
    }

    @Test
    void greetsACleanNameAsIs() {
        assertThat(body(Map.of("link", LINK, "firstName", "Zoë"))).startsWith("Hi Zoë,\n\n");
    }

    @Test
    void aQueuedNameLosesItsLinksAndHiddenCharacters() {
        String body = body(Map.of("link", LINK,
                "firstName", "Ada\u202E, your account is locked: https://evil.example/unlock or evil.example\r\nBye"));
        assertThat(body).startsWith("Hi Ada, your account is locked: or Bye,\n\n")
                .doesNotContain("evil", "\u202E")
                .contains(LINK);
    }

    @Test
    void aQueuedNameWithNothingLeftGreetsWithoutAName() {
        assertThat(body(Map.of("link", LINK, "firstName", "https://evil.example"))).startsWith("Hi,\n\n");
        assertThat(body(Map.of("link", LINK))).startsWith("Hi,\n\n");
    }
}
