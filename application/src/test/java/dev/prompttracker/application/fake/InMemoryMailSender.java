package dev.prompttracker.application.fake;

import dev.prompttracker.application.port.out.MailSender;
import dev.prompttracker.domain.mail.MailMessage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Keeps sent messages; a repeated idempotency key is not sent again. Can be told to fail. */
public final class InMemoryMailSender implements MailSender {
    private final List<MailMessage> sent = new ArrayList<>();
    private final Set<String> keys = new HashSet<>();
    private Consumer<MailMessage> beforeSend = message -> { };

    @Override
    public synchronized void send(MailMessage message, String idempotencyKey) {
        beforeSend.accept(message);
        if (keys.add(idempotencyKey)) {
            sent.add(message);
        }
    }

    /** Runs before every send; throw from it to simulate a failing provider. */
    public synchronized void beforeSend(Consumer<MailMessage> hook) {
        this.beforeSend = hook;
    }

    public synchronized List<MailMessage> sent() {
        return List.copyOf(sent);
    }
}
