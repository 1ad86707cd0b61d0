package dev.prompttracker.application.service;

import dev.prompttracker.domain.user.Email;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The greeting passes the first name through the domain's name rule, also for names stored before it. */
class MagicLinkGreetingTest {
    private static final String LINK = "https://app.example/auth/verify?token=abc";

    private static String body(Map<String, String> parameters) {
        return EmailTemplates.signInLink(Email.parse("r@example.com"), parameters.get("link"), Duration.ofMinutes(15),
                Optional.ofNullable(parameters.get("firstName"))).textBody();
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
