package dev.prompttracker.domain.mail;

import dev.prompttracker.domain.user.Email;

import java.util.Objects;

/** A rendered email, ready for a mail sender. */
public record MailMessage(Email to, String subject, String textBody) {
    public MailMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(textBody, "textBody");
        if (subject.contains("\r") || subject.contains("\n")) {
            throw new IllegalArgumentException("a subject is one line");
        }
    }

    @Override
    public String toString() {
        return "MailMessage[to=" + to + ", subject=" + subject + "]";
    }
}
