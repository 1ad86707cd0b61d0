package dev.prompttracker.domain.subscriber;

import dev.prompttracker.domain.content.Text;
import dev.prompttracker.domain.error.Invalid;

import java.util.Optional;

/**
 * Where a signup came from: the referring page and the UTM campaign tags, each optional and at most
 * {@value #MAX_LENGTH} characters. Kept from the first signup only.
 */
public record SignupSource(Optional<String> referrer, Optional<String> utmSource, Optional<String> utmMedium,
                           Optional<String> utmCampaign) {
    public static final int MAX_LENGTH = 200;
    public static final SignupSource NONE = new SignupSource(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    public static SignupSource parse(String referrer, String utmSource, String utmMedium, String utmCampaign) {
        return new SignupSource(field(referrer, "referrer"), field(utmSource, "utmSource"),
                field(utmMedium, "utmMedium"), field(utmCampaign, "utmCampaign"));
    }

    private static Optional<String> field(String raw, String name) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String value = raw.strip();
        if (Text.length(value) > MAX_LENGTH || Text.hasAnyControlCharacter(value)) {
            throw Invalid.field(name, "must be at most " + MAX_LENGTH + " characters on one line");
        }
        return Optional.of(value);
    }
}
