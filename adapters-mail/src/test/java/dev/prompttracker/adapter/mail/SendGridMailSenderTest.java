package dev.prompttracker.adapter.mail;

import dev.prompttracker.adapter.mail.standin.SendGridStandIn;
import dev.prompttracker.application.contract.MailSenderContract;
import dev.prompttracker.application.port.out.MailSender;
import dev.prompttracker.domain.error.Unavailable;
import dev.prompttracker.domain.mail.MailMessage;
import dev.prompttracker.domain.user.Email;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SendGridMailSenderTest implements MailSenderContract {
    private final SendGridStandIn provider = SendGridStandIn.start("SG.test-key");
    private final SendGridMailSender sender = new SendGridMailSender(provider.baseUrl(), "SG.test-key",
            "Handbook <no-reply@example.com>", Duration.ofSeconds(5), 3);

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
    void retriesOnlyRateLimitsAndServerErrors() {
        provider.failNext(429, 503);
        sender.send(message(), UUID.randomUUID().toString());
        assertThat(provider.requests()).isEqualTo(3);
        assertThat(provider.delivered()).hasSize(1);

        provider.failNext(400);
        assertThatThrownBy(() -> sender.send(message(), UUID.randomUUID().toString())).isInstanceOf(Unavailable.class);
        assertThat(provider.requests()).isEqualTo(4);

        provider.failNext(500, 500, 500);
        assertThatThrownBy(() -> sender.send(message(), UUID.randomUUID().toString())).isInstanceOf(Unavailable.class);
        assertThat(provider.requests()).isEqualTo(7);
    }

    @Test
    void aWrongKeyIsRefusedAndTheKeyIsNeverPrinted() {
        SendGridMailSender wrong = new SendGridMailSender(provider.baseUrl(), "SG.wrong", "no-reply@example.com",
                Duration.ofSeconds(5), 1);
        assertThatThrownBy(() -> wrong.send(message(), UUID.randomUUID().toString())).isInstanceOf(Unavailable.class)
                .hasMessageContaining("401");
        assertThat(wrong.toString()).doesNotContain("SG.wrong");
        assertThat(SendGridMailSender.parseFrom("Handbook <no-reply@example.com>"))
                .containsExactly("Handbook", "no-reply@example.com");
    }
}
