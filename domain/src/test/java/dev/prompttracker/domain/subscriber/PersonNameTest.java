package dev.prompttracker.domain.subscriber;

import dev.prompttracker.domain.error.Invalid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A name is shown in emails to whatever address signed up, so it carries no link and no hidden text. */
class PersonNameTest {

    private static String parsed(String raw) {
        return PersonName.parseOptional(raw, "firstName").map(PersonName::value).orElse(null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ada", "Zoë", "José María", "Mary-Jo", "O'Neil", "J.R.R.", "Nguyễn Thị", "李小龍",
            "محمد", "@ada", "Ada 🙂"})
    void realNamesAreKeptAsTyped(String raw) {
        assertThat(parsed(raw)).isEqualTo(raw);
    }

    @Test
    void controlFormatAndBidiCharactersAreDropped() {
        assertThat(parsed("Ada\u202EecalevoL")).isEqualTo("AdaecalevoL");
        assertThat(parsed("Ada \u202Emoc.live")).isEqualTo("Ada");
        assertThat(parsed("A\u200Bd\u200Ca\u200D\uFEFF\u2066\u2069")).isEqualTo("Ada");
        assertThat(parsed("Ada\u0000\u0007\u001B[31m")).isEqualTo("Ada[31m");
        assertThat(parsed("Ad\uE000a")).isEqualTo("Ada");
    }

    @Test
    void everyKindOfSpaceBecomesOneSpaceAndNoLineBreakSurvives() {
        assertThat(parsed("  Ada \t\r\n Lovelace\u2028Byron\u00A0\u3000King  ")).isEqualTo("Ada Lovelace Byron King");
        assertThat(parsed("Ada\r\nBcc: victim@example.com")).isEqualTo("Ada Bcc:");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Ada https://evil.example/login|Ada",
            "Ada http://x|Ada",
            "Ada HTTPS://EVIL.EXAMPLE|Ada",
            "Ada ftp://files|Ada",
            "Ada www.evil|Ada",
            "Ada evil.com|Ada",
            "Ada EVIL.COM/reset?x=1|Ada",
            "Ada sub.evil.co.uk|Ada",
            "Ada (evil.com)|Ada",
            "Ada evil。com|Ada",
            "Ada evil．com|Ada",
            "Ada ｈｔｔｐｓ：／／evil|Ada",
            "Ada пример.рф|Ada",
            "Ada example.xn--p1ai|Ada",
            "Ada 192.168.0.1|Ada",
            "Ada mailto:x|Ada",
            "Ada someone@evil.com|Ada",
            "visit evil.com now Ada|visit now Ada",
    })
    void wordsThatLookLikeLinksAreDropped(String raw, String expected) {
        assertThat(parsed(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example", "evil.com", "\u202E\u200B", "   ", ""})
    void aNameWithNothingLeftIsAbsentNotAnError(String raw) {
        assertThat(PersonName.parseOptional(raw, "firstName")).isEmpty();
        assertThat(PersonName.parseOptional(null, "firstName")).isEmpty();
    }

    @Test
    void isAtMostFiftyCharactersAfterCleaning() {
        assertThat(parsed("a".repeat(50))).hasSize(50);
        assertThat(parsed("🙂".repeat(50))).isEqualTo("🙂".repeat(50));
        assertThat(parsed("a".repeat(50) + "\u200B".repeat(20) + " evil.com")).hasSize(50);
        assertThatThrownBy(() -> PersonName.parseOptional("a".repeat(51), "lastName"))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.fieldErrors())
                        .singleElement().satisfies(f -> {
                            assertThat(f.field()).isEqualTo("lastName");
                            assertThat(f.message()).contains("50");
                        }));
    }

    @Test
    void olderTextIsSanitizedAndCutInsteadOfRefused() {
        assertThat(PersonName.sanitize("Ada\u202E https://evil.example\r\nX")).map(PersonName::value).contains("Ada X");
        assertThat(PersonName.sanitize("b".repeat(100))).map(PersonName::value).contains("b".repeat(50));
        assertThat(PersonName.sanitize("b".repeat(49) + " cd")).map(PersonName::value).contains("b".repeat(49));
        assertThat(PersonName.sanitize("www.evil.example")).isEmpty();
        assertThat(PersonName.sanitize(null)).isEmpty();
    }

    @Test
    void everyNameIsAlreadyClean() {
        assertThat(new PersonName("Ada Lovelace").value()).isEqualTo("Ada Lovelace");
        for (String unclean : new String[] {"", " Ada", "Ada\n", "A\u202Eda", "Ada evil.com", "a".repeat(51),
                "Ａｄａ"}) {
            assertThatThrownBy(() -> new PersonName(unclean)).as(unclean).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
