package dev.prompttracker.adapter.mail;

import dev.prompttracker.application.port.out.MailSender;
import dev.prompttracker.domain.error.Unavailable;
import dev.prompttracker.domain.mail.MailMessage;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Properties;
import java.util.TimeZone;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The embedded mail sender: one RFC 5322 {@code .eml} file per message in an outbox folder (open it
 * with any mail client, or read the link in it), named after the idempotency key so a repeated key
 * is written once. The log says a message was written, never what it says: links are secrets.
 */
public final class OutboxMailSender implements MailSender {
    private static final System.Logger LOG = System.getLogger(OutboxMailSender.class.getName());
    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final Path outbox;
    private final SenderAddress from;
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());

    public OutboxMailSender(Path outbox, SenderAddress from, Clock clock) {
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
            LOG.log(System.Logger.Level.INFO, () -> "mail " + idempotencyKey + " already in the outbox; not written again");
            return;
        }
        byte[] eml = render(message, idempotencyKey);
        Path temporary = null;
        try {
            temporary = OwnerOnlyFiles.createTempFile(outbox, ".tmp-", ".part");
            Files.write(temporary, eml);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            LOG.log(System.Logger.Level.INFO, () -> "mail to " + masked(message.to().value()) + " (" + message.subject()
                    + ") written to " + target);
        } catch (FileAlreadyExistsException raced) {
            deleteQuietly(temporary);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new Unavailable("cannot write to the outbox", e);
        }
    }

    /**
     * Jakarta Mail writes the headers: a non-ASCII name or subject as RFC 2047 encoded words, addresses
     * as its RFC 822 parser accepts them. No header value can hold a line break: {@link MailMessage}
     * refuses one in a subject, {@link SenderAddress} in the name, and the recipient is parsed here.
     */
    private byte[] render(MailMessage message, String key) {
        try {
            return mime(message, key);
        } catch (MessagingException | IOException e) {
            throw new IllegalArgumentException("cannot write this message as MIME: " + e.getMessage(), e);
        }
    }

    private byte[] mime(MailMessage message, String key) throws MessagingException, IOException {
        MimeMessage mime = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + key + "@prompt-tracker.local>");
            }
        };
        mime.setFrom(from.internetAddress());
        mime.setRecipient(Message.RecipientType.TO, recipient(message));
        mime.setSubject(message.subject(), UTF_8);
        MailDateFormat dates = new MailDateFormat();
        dates.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
        mime.setHeader("Date", dates.format(Date.from(clock.instant())));
        String body = message.textBody().lines().map(line -> line + "\r\n").collect(Collectors.joining());
        mime.setText(body, UTF_8);
        // Quoted-printable would write the link's '=' as '=3D' and could break it across lines; 8bit keeps
        // it as sent for people and tools reading the file. RFC 5322 allows 8bit lines of 998 octets.
        if (body.lines().allMatch(line -> line.getBytes(StandardCharsets.UTF_8).length <= 998)) {
            mime.setHeader("Content-Transfer-Encoding", "8bit");
        }
        mime.saveChanges();
        ByteArrayOutputStream eml = new ByteArrayOutputStream(512 + body.length());
        mime.writeTo(eml);
        return eml.toByteArray();
    }

    private static InternetAddress recipient(MailMessage message) {
        try {
            InternetAddress to = new InternetAddress(message.to().value(), true);
            to.validate();
            return to;
        } catch (AddressException e) {
            throw new IllegalArgumentException("the recipient is not an RFC 822 address: " + e.getMessage());
        }
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
