package dev.prompttracker.adapter.mail;

import dev.prompttracker.application.contract.Fixtures;
import dev.prompttracker.application.contract.MailSenderContract;
import dev.prompttracker.application.fake.MutableClock;
import dev.prompttracker.application.port.out.MailSender;
import dev.prompttracker.domain.mail.MailMessage;
import dev.prompttracker.domain.user.Email;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
            sender = new OutboxMailSender(folder.resolve("outbox"), "Handbook <no-reply@example.com>",
                    new MutableClock(Fixtures.T0));
        }
        return sender;
    }

    /** Reads the outbox back the way a mail client would: headers, blank line, body. */
    @Override
    public List<MailMessage> delivered() {
        List<MailMessage> messages = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder.resolve("outbox"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".eml")).toList()) {
                String eml = Files.readString(file, StandardCharsets.UTF_8);
                int split = eml.indexOf("\r\n\r\n");
                String headers = eml.substring(0, split);
                String body = eml.substring(split + 4).replace("\r\n", "\n");
                messages.add(new MailMessage(Email.parse(header(headers, "To")), decode(header(headers, "Subject")), body));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return messages;
    }

    private static String header(String headers, String name) {
        return headers.lines().filter(line -> line.startsWith(name + ": ")).findFirst().orElseThrow()
                .substring(name.length() + 2);
    }

    private static String decode(String value) {
        if (value.startsWith("=?UTF-8?B?") && value.endsWith("?=")) {
            return new String(Base64.getDecoder().decode(value.substring(10, value.length() - 2)), StandardCharsets.UTF_8);
        }
        return value;
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
        assertThat(eml).contains("From: Handbook <no-reply@example.com>\r\n", "MIME-Version: 1.0\r\n",
                "Content-Type: text/plain; charset=UTF-8\r\n", "Date: Sun, 22 Nov 2026 10:00:00 GMT\r\n",
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
        new OutboxMailSender(outbox, "Handbook <no-reply@example.com>", new MutableClock(Fixtures.T0))
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
}
