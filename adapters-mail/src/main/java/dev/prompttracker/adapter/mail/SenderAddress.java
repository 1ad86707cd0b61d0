package dev.prompttracker.adapter.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Who the emails come from ({@code Name <address>} or a bare address), checked by Jakarta Mail's
 * RFC 822 parser; the display name is one line of plain text, encoded only when a header is written.
 */
public record SenderAddress(String name, String address) {
    public SenderAddress {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the sender's name must be one line without control characters");
        }
        InternetAddress parsed;
        try {
            parsed = new InternetAddress(address, true);
            parsed.validate();
        } catch (AddressException e) {
            throw new IllegalArgumentException("'" + address + "' is not an email address: " + e.getMessage());
        }
        if (parsed.getPersonal() != null || !parsed.getAddress().equals(address)) {
            throw new IllegalArgumentException("'" + address + "' is not a bare email address");
        }
    }

    /** One address as in a From header; RFC 2047 encoded words in the name are decoded. */
    public static SenderAddress parse(String text) {
        if (text.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the sender must be one line without control characters");
        }
        InternetAddress[] parsed;
        try {
            parsed = InternetAddress.parse(text.strip(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("'" + text + "' is not an address: " + e.getMessage());
        }
        if (parsed.length != 1 || parsed[0].isGroup()) {
            throw new IllegalArgumentException("the sender must be exactly one address, not " + parsed.length);
        }
        String personal = parsed[0].getPersonal();
        return new SenderAddress(personal == null ? "" : personal.strip(), parsed[0].getAddress());
    }

    /** The address for a header: a non-ASCII name goes as an RFC 2047 UTF-8 encoded word. */
    InternetAddress internetAddress() {
        try {
            return new InternetAddress(address, name.isEmpty() ? null : name, StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
