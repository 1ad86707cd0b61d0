package dev.prompttracker.adapter.mail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prompttracker.adapter.mail.standin.SendGridStandIn;
import dev.prompttracker.application.contract.MailSenderContract;
import dev.prompttracker.application.port.out.MailSender;
import dev.prompttracker.domain.error.Unavailable;
import dev.prompttracker.domain.mail.MailMessage;
import dev.prompttracker.domain.user.Email;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SendGridMailSenderTest implements MailSenderContract {
    private final SendGridStandIn provider = SendGridStandIn.start("SG.test-key");
    /** The waits between resends, recorded instead of slept. */
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final SendGridMailSender sender = new SendGridMailSender(provider.baseUrl(), "SG.test-key",
            SenderAddress.parse("Zoë's Handbook <no-reply@example.com>"), Duration.ofSeconds(5), 3, waits::add);

    @AfterEach
    void stop() {
        provider.close();
    }

    @Override
    public MailSender sender() {
        return sender;
    }

    @Override
    public List<MailMessage> delivered() {
        return provider.delivered();
    }

    private static MailMessage message() {
        return new MailMessage(Email.parse("r@example.com"), "Subject", "Body");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void anAcceptedMessageIsNotHeldByABodyThatStallsAfterTheHeaders() {
        provider.stallBodies();
        sender.send(message(), UUID.randomUUID().toString());
        assertThat(provider.delivered()).hasSize(1);
    }

    @Test
    void retriesOnlyRateLimitsAndServerErrors() {
        provider.failNext(429, 503);
        sender.send(message(), UUID.randomUUID().toString());
        assertThat(provider.requests()).isEqualTo(3);
        assertThat(provider.delivered()).hasSize(1);
        assertBackoff(waits);

        waits.clear();
        provider.failNext(400);
        assertThatThrownBy(() -> sender.send(message(), UUID.randomUUID().toString())).isInstanceOf(Unavailable.class);
        assertThat(provider.requests()).isEqualTo(4);
        assertThat(waits).as("a refusal is not resent").isEmpty();

        provider.failNext(500, 500, 500);
        assertThatThrownBy(() -> sender.send(message(), UUID.randomUUID().toString())).isInstanceOf(Unavailable.class);
        assertThat(provider.requests()).isEqualTo(7);
        assertBackoff(waits);
    }

    /** Two waits for three attempts (none after the last), each jittered within its doubling ceiling. */
    private static void assertBackoff(List<Duration> waits) {
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(125), Duration.ofMillis(250));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
    }

    @Test
    void anInterruptedWaitGivesUpAndKeepsTheInterrupt() {
        SendGridMailSender interrupted = new SendGridMailSender(provider.baseUrl(), "SG.test-key",
                SenderAddress.parse("no-reply@example.com"), Duration.ofSeconds(5), 3, wait -> {
                    throw new InterruptedException();
                });
        provider.failNext(503);
        try {
            assertThatThrownBy(() -> interrupted.send(message(), UUID.randomUUID().toString()))
                    .isInstanceOf(Unavailable.class).hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(provider.requests()).isEqualTo(1);
    }

    @Test
    void aWrongKeyIsRefusedAndTheKeyIsNeverPrinted() {
        SendGridMailSender wrong = new SendGridMailSender(provider.baseUrl(), "SG.wrong",
                SenderAddress.parse("no-reply@example.com"), Duration.ofSeconds(5), 1);
        assertThatThrownBy(() -> wrong.send(message(), UUID.randomUUID().toString())).isInstanceOf(Unavailable.class)
                .hasMessageContaining("401");
        assertThat(wrong.toString()).doesNotContain("SG.wrong");
    }

    @Test
    void theSenderIsParsedAsAnAddressAndEveryValueTravelsAsJsonText() {
        sender.send(new MailMessage(Email.parse("r@example.com"), "Ünïcode \"quoted\" \\ <b>", "Hi Zoë,\n"),
                UUID.randomUUID().toString());

        JsonNode payload = provider.payloads().getFirst();
        assertThat(payload.path("from").path("name").asText()).isEqualTo("Zoë's Handbook");
        assertThat(payload.path("from").path("email").asText()).isEqualTo("no-reply@example.com");
        assertThat(payload.path("subject").asText()).isEqualTo("Ünïcode \"quoted\" \\ <b>");
        assertThat(SenderAddress.parse("=?UTF-8?B?Wm/Dqw==?= <z@example.com>"))
                .isEqualTo(new SenderAddress("Zoë", "z@example.com"));
        assertThat(SenderAddress.parse("\"Ops, Team\" <ops@example.com>").name()).isEqualTo("Ops, Team");
        for (String bad : new String[] {"Handbook", "Handbook <>", "a@example.com b@example.com",
                "Evil\r\nBcc: spy@example.com <no-reply@example.com>", "Handbook <no-reply@exa mple.com>"}) {
            assertThatThrownBy(() -> SenderAddress.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new SenderAddress("Evil\nBcc: spy@example.com", "no-reply@example.com"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SenderAddress("", "Evil <no-reply@example.com>"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
