package dev.prompttracker.adapter.mail;

import dev.prompttracker.application.port.out.MailSender;
import dev.prompttracker.domain.error.Unavailable;
import dev.prompttracker.domain.mail.MailMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The embedded mail sender: one RFC 5322 {@code .eml} file per message in an outbox folder (open it
 * with any mail client, or read the link in it), named after the idempotency key so a repeated key
 * is written once. The log says a message was written, never what it says: links are secrets.
 */
public final class OutboxMailSender implements MailSender {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxMailSender.class);
    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final String CRLF = "\r\n";

    private final Path outbox;
    private final String from;
    private final Clock clock;

    public OutboxMailSender(Path outbox, String from, Clock clock) {
        this.outbox = outbox;
        this.from = from;
        this.clock = clock;
        try {
            OwnerOnlyFiles.createFolder(outbox);
        } catch (IOException e) {
            throw new Unavailable("cannot create the outbox " + outbox, e);
        }
    }

    @Override
    public void send(MailMessage message, String idempotencyKey) {
        if (!SAFE_KEY.matcher(idempotencyKey).matches()) {
            throw new IllegalArgumentException("idempotency keys are letters, digits and '-'");
        }
        Path target = outbox.resolve(idempotencyKey + ".eml");
        if (Files.exists(target)) {
            LOG.info("mail {} already in the outbox; not written again", idempotencyKey);
            return;
        }
        Path temporary = null;
        try {
            temporary = OwnerOnlyFiles.createTempFile(outbox, ".tmp-", ".part");
            Files.writeString(temporary, render(message, idempotencyKey), StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("mail to {} ({}) written to {}", masked(message.to().value()), message.subject(), target);
        } catch (FileAlreadyExistsException raced) {
            deleteQuietly(temporary);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new Unavailable("cannot write to the outbox", e);
        }
    }

    private String render(MailMessage message, String key) {
        StringBuilder eml = new StringBuilder()
                .append("From: ").append(from).append(CRLF)
                .append("To: ").append(message.to().value()).append(CRLF)
                .append("Subject: ").append(encodedWord(message.subject())).append(CRLF)
                .append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atOffset(ZoneOffset.UTC)))
                .append(CRLF)
                .append("Message-ID: <").append(key).append("@prompt-tracker.local>").append(CRLF)
                .append("MIME-Version: 1.0").append(CRLF)
                .append("Content-Type: text/plain; charset=UTF-8").append(CRLF)
                .append("Content-Transfer-Encoding: 8bit").append(CRLF)
                .append(CRLF);
        for (String line : message.textBody().split("\r?\n", -1)) {
            eml.append(line).append(CRLF);
        }
        return eml.toString();
    }

    /** RFC 2047: a header with non-ASCII characters travels base64-encoded. */
    static String encodedWord(String text) {
        boolean ascii = text.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        return ascii ? text : "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    static String masked(String email) {
        int at = email.indexOf('@');
        return at <= 1 ? "***" + email.substring(Math.max(at, 0)) : email.charAt(0) + "***" + email.substring(at);
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // A stray temporary file harms nothing.
            }
        }
    }
}
