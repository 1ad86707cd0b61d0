package dev.prompttracker.adapter.mail;

import dev.prompttracker.application.contract.Fixtures;
import dev.prompttracker.application.contract.MailSenderContract;
import dev.prompttracker.application.fake.MutableClock;
import dev.prompttracker.application.port.out.MailSender;
import dev.prompttracker.domain.mail.MailMessage;
import dev.prompttracker.domain.user.Email;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboxMailSenderTest implements MailSenderContract {
    @TempDir
    Path folder;
    private OutboxMailSender sender;

    @Override
    public MailSender sender() {
        if (sender == null) {
            sender = new OutboxMailSender(folder.resolve("outbox"),
                    SenderAddress.parse("Handbook <no-reply@example.com>"), new MutableClock(Fixtures.T0));
        }
        return sender;
    }

    /** Reads the outbox back the way a mail client would, with Jakarta Mail's parser. */
    @Override
    public List<MailMessage> delivered() {
        List<MailMessage> messages = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder.resolve("outbox"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".eml")).toList()) {
                MimeMessage mime = parsed(file);
                messages.add(new MailMessage(Email.parse(((InternetAddress) mime.getRecipients(RecipientType.TO)[0])
                        .getAddress()), mime.getSubject(), ((String) mime.getContent()).replace("\r\n", "\n")));
            }
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
        return messages;
    }

    private static MimeMessage parsed(Path file) throws IOException, MessagingException {
        try (InputStream in = Files.newInputStream(file)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }

    private Path sent(MailMessage message) {
        return sent((OutboxMailSender) sender(), message);
    }

    private Path sent(OutboxMailSender by, MailMessage message) {
        String key = UUID.randomUUID().toString();
        by.send(message, key);
        return folder.resolve("outbox").resolve(key + ".eml");
    }

    /** The header block as written, up to the blank line. */
    private static String headers(Path file) throws IOException {
        String eml = Files.readString(file, StandardCharsets.ISO_8859_1);
        return eml.substring(0, eml.indexOf("\r\n\r\n") + 2);
    }

    @Test
    void writesOneCompleteEmlFilePerKeyAndNoTemporaryFiles() throws IOException {
        sender().send(new MailMessage(Email.parse("r@example.com"), "Hello", "line one\nline two"),
                "0b0c2c6e-5f9e-4a8e-9d3f-3c6f6a1d2b7e");
        try (Stream<Path> files = Files.list(folder.resolve("outbox"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactly("0b0c2c6e-5f9e-4a8e-9d3f-3c6f6a1d2b7e.eml");
        }
        String eml = Files.readString(folder.resolve("outbox/0b0c2c6e-5f9e-4a8e-9d3f-3c6f6a1d2b7e.eml"));
        assertThat(eml).contains("From: Handbook <no-reply@example.com>\r\n", "To: r@example.com\r\n",
                "MIME-Version: 1.0\r\n", "Content-Type: text/plain; charset=UTF-8\r\n",
                "Content-Transfer-Encoding: 8bit\r\n", "Date: Sun, 22 Nov 2026 10:00:00 +0000 (UTC)\r\n",
                "Message-ID: <0b0c2c6e-5f9e-4a8e-9d3f-3c6f6a1d2b7e@prompt-tracker.local>\r\n",
                "\r\n\r\nline one\r\nline two\r\n");
    }

    @Test
    void refusesKeysThatCouldNameAnotherPath() {
        MailMessage message = new MailMessage(Email.parse("r@example.com"), "x", "y");
        assertThatThrownBy(() -> sender().send(message, "../escape")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sender().send(message, "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theOutboxItCreatesAndTheEmailsInItAreOwnerOnly() throws IOException {
        Path outbox = folder.resolve("data").resolve("outbox");
        new OutboxMailSender(outbox, SenderAddress.parse("Handbook <no-reply@example.com>"), new MutableClock(Fixtures.T0))
                .send(new MailMessage(Email.parse("r@example.com"), "Your link", "a secret link"), "private-key-1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(outbox.resolve("private-key-1.eml"))))
                .isEqualTo("rw-------");
        for (Path made : List.of(outbox, outbox.getParent())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(made))).as(made.toString())
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void logsAMaskedAddress() {
        assertThat(OutboxMailSender.masked("reader@example.com")).isEqualTo("r***@example.com");
        assertThat(OutboxMailSender.masked("r@example.com")).isEqualTo("***@example.com");
    }

    @Test
    void aNonAsciiSenderNameAndSubjectTravelAsEncodedWordsAndReadBackIntact() throws Exception {
        OutboxMailSender zoe = new OutboxMailSender(folder.resolve("outbox"),
                SenderAddress.parse("Zoë's Handbook <no-reply@example.com>"), new MutableClock(Fixtures.T0));
        Path file = sent(zoe, new MailMessage(Email.parse("r@example.com"), "Ünïcode — sign-in 🔑",
                "Hi Zoë,\n"));

        assertThat(headers(file)).as("every header byte is ASCII").matches("[\\x20-\\x7e\\r\\n\\t]*")
                .contains("From: =?UTF-8?", "Subject: =?UTF-8?", "To: r@example.com\r\n");
        MimeMessage mime = parsed(file);
        assertThat(mime.getSubject()).isEqualTo("Ünïcode — sign-in 🔑");
        InternetAddress from = (InternetAddress) mime.getFrom()[0];
        assertThat(from.getPersonal()).isEqualTo("Zoë's Handbook");
        assertThat(from.getAddress()).isEqualTo("no-reply@example.com");
        assertThat(mime.getContentType()).isEqualToIgnoringCase("text/plain; charset=UTF-8");
        assertThat(mime.getContent()).isEqualTo("Hi Zoë,\r\n");
    }

    @Test
    void noValueCanAddAHeader() throws Exception {
        String encodedBreak = "=?UTF-8?B?" + Base64.getEncoder().encodeToString(
                "Evil\r\nBcc: spy@example.com".getBytes(StandardCharsets.UTF_8)) + "?= <no-reply@example.com>";
        for (String from : new String[] {"Evil\r\nBcc: spy@example.com <no-reply@example.com>",
                "Evil\nBcc: spy@example.com <no-reply@example.com>", encodedBreak,
                "no-reply@example.com, spy@example.com"}) {
            assertThatThrownBy(() -> SenderAddress.parse(from)).as(from).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new MailMessage(Email.parse("r@example.com"), "Hi\r\nBcc: spy@example.com", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        // The recipient's local part may hold a comma, which a header would read as a second recipient.
        assertThatThrownBy(() -> sent(new MailMessage(Email.parse("spy,r@example.com"), "x", "y")))
                .isInstanceOf(IllegalArgumentException.class);

        String lineBreaksOutsideAscii = "Hi\u2028Bcc: spy@example.com\u0085Cc: spy@example.com";
        Path file = sent(new MailMessage(Email.parse("r@example.com"), lineBreaksOutsideAscii,
                "Bcc: spy@example.com\n\nbody"));
        MimeMessage mime = parsed(file);
        assertThat(Collections.list(mime.getAllHeaders())).extracting(h -> h.getName()).containsExactlyInAnyOrder(
                "Date", "From", "To", "Message-ID", "Subject", "MIME-Version", "Content-Type",
                "Content-Transfer-Encoding");
        assertThat(mime.getAllRecipients()).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("r@example.com");
        assertThat(mime.getSubject()).isEqualTo(lineBreaksOutsideAscii);
    }

    @Test
    void aLongLinkStaysOnOneLineAsWrittenSoItCanBeFoundInTheFile() throws Exception {
        String link = "https://app.example/auth/verify?token=" + "A".repeat(43) + "&next=" + "b".repeat(200) + "=";
        Path file = sent(new MailMessage(Email.parse("r@example.com"), "Your sign-in link",
                "Hi Zoë,\n\n" + link + "\n"));

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("\r\n" + link + "\r\n", "Hi Zoë,")
                .contains("Content-Transfer-Encoding: 8bit\r\n");
    }

    @Test
    void aLineTooLongFor8bitIsEncodedAndReadsBackTheSame() throws Exception {
        String line = "é".repeat(600);
        Path file = sent(new MailMessage(Email.parse("r@example.com"), "Long", line + "\n"));

        assertThat(headers(file)).doesNotContain("Content-Transfer-Encoding: 8bit");
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8))
                .allMatch(l -> l.getBytes(StandardCharsets.UTF_8).length <= 998);
        assertThat(parsed(file).getContent()).isEqualTo(line + "\r\n");
    }
}
