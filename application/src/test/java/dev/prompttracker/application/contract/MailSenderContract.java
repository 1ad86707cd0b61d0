package dev.prompttracker.application.contract;

import dev.prompttracker.application.port.out.MailSender;
import dev.prompttracker.domain.mail.MailMessage;
import dev.prompttracker.domain.user.Email;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What a mail sender delivers; each implementation shows what reached its destination. */
public interface MailSenderContract {

    MailSender sender();

    /** The messages that reached the destination, as the implementation can read them back. */
    List<MailMessage> delivered();

    @Test
    default void deliversTheRecipientSubjectAndBody() {
        MailMessage message = new MailMessage(Email.parse("zoë.reader@example.com".replace("ë", "e")),
                "Your sign-in link — ünïcode", "Hi Zoë,\n\nhttps://app.example/auth/verify?token=abc\n");
        sender().send(message, UUID.randomUUID().toString());
        assertThat(delivered()).anySatisfy(d -> {
            assertThat(d.to()).isEqualTo(message.to());
            assertThat(d.subject()).isEqualTo(message.subject());
            assertThat(d.textBody()).contains("https://app.example/auth/verify?token=abc").contains("Zoë");
        });
    }

    @Test
    default void aRepeatedIdempotencyKeyIsDeliveredOnce() {
        String key = UUID.randomUUID().toString();
        MailMessage message = new MailMessage(Email.parse("once@example.com"), "Once " + key, "body");
        sender().send(message, key);
        sender().send(message, key);
        assertThat(delivered()).filteredOn(d -> d.subject().equals(message.subject())).hasSize(1);
    }
}
