package dev.prompttracker.domain.subscriber;

import dev.prompttracker.domain.content.Text;
import dev.prompttracker.domain.error.Invalid;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A first or last name, safe to show in an email: anyone can sign up any address with any name, and
 * the name is then greeted in a mail from us, so it must not carry a link or hidden text. The text is
 * folded like RFC 8266 nicknames (NFKC, every space one ASCII space, trimmed); control, format (bidi
 * overrides, zero-width) and private-use characters are dropped; every word that looks like a URL,
 * a host name, an IP address or an email address is dropped. Within 1–{@value #MAX_LENGTH} code points.
 */
public record PersonName(String value) {
    /**
     * Room for real given and family names (the UK government's data standard allows 35 for each)
     * while leaving little for a message in someone else's greeting.
     */
    public static final int MAX_LENGTH = 50;

    /**
     * A word that a mail client could turn into a link: a scheme, {@code www.}, a dot (also the
     * ideographic one IDNA accepts) between a letter or digit and two letters or a punycode label,
     * or a dotted IPv4 address.
     */
    private static final Pattern URL_LIKE = Pattern.compile(
            "://|^www[.。]|\\b(?:mailto|tel|sms|callto|javascript|data|file):"
                    + "|[\\p{L}\\p{N}][.。](?:\\p{L}\\p{L}|xn--)|\\d[.。]\\d+[.。]\\d+[.。]\\d",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);

    public PersonName {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || Text.length(value) > MAX_LENGTH || !cleaned(value).equals(value)) {
            throw new IllegalArgumentException("invalid name");
        }
    }

    /**
     * A name typed at signup: empty when missing or when nothing is left once cleaned;
     * {@link Invalid} naming {@code field} when still longer than {@value #MAX_LENGTH}.
     */
    public static Optional<PersonName> parseOptional(String raw, String field) {
        String name = raw == null ? "" : cleaned(raw);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        if (Text.length(name) > MAX_LENGTH) {
            throw Invalid.field(field, "must be at most " + MAX_LENGTH + " characters");
        }
        return Optional.of(new PersonName(name));
    }

    /**
     * A name from before this rule (a stored row, a queued job): cleaned the same way and cut to
     * {@value #MAX_LENGTH}; empty when nothing is left. Never fails, so old data stays readable.
     */
    public static Optional<PersonName> sanitize(String text) {
        String name = cleaned(text == null ? "" : text);
        if (Text.length(name) > MAX_LENGTH) {
            name = cleaned(Text.prefix(name, MAX_LENGTH));
        }
        return name.isEmpty() ? Optional.empty() : Optional.of(new PersonName(name));
    }

    /** Idempotent: a cleaned text cleans to itself (hidden characters go before NFKC, which cannot add any). */
    private static String cleaned(String text) {
        StringBuilder visible = new StringBuilder(text.length());
        text.codePoints().filter(c -> !hidden(c) || Character.isWhitespace(c)).forEach(visible::appendCodePoint);
        StringBuilder spaced = new StringBuilder(visible.length());
        Normalizer.normalize(visible, Normalizer.Form.NFKC).codePoints()
                .forEach(c -> spaced.appendCodePoint(Character.isWhitespace(c) || Character.isSpaceChar(c) ? ' ' : c));
        return Arrays.stream(spaced.toString().split(" "))
                .filter(word -> !word.isEmpty() && !URL_LIKE.matcher(word).find())
                .collect(Collectors.joining(" "));
    }

    private static boolean hidden(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE -> true;
            default -> false;
        };
    }
}
