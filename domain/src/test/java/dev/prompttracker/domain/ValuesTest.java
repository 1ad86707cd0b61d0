package dev.prompttracker.domain;

import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.content.Content;
import dev.prompttracker.domain.content.ContentPreview;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.error.TooLarge;
import dev.prompttracker.domain.prompt.ModelName;
import dev.prompttracker.domain.prompt.PromptId;
import dev.prompttracker.domain.prompt.Tag;
import dev.prompttracker.domain.prompt.Tags;
import dev.prompttracker.domain.prompt.Title;
import dev.prompttracker.domain.user.Email;
import dev.prompttracker.domain.user.PlainPassword;
import dev.prompttracker.domain.user.Username;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SPEC's limits and normalisation rules, one value type at a time. */
class ValuesTest {

    private static void invalid(Runnable parse, String field) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(Invalid.class,
                e -> assertThat(e.fieldErrors()).extracting(f -> f.field()).containsExactly(field));
    }

    @Nested
    class Emails {
        @Test
        void areTrimmedAndLowerCased() {
            assertThat(Email.parse("  Ada.Lovelace+ai@Example.COM ").value()).isEqualTo("ada.lovelace+ai@example.com");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "plain", "@example.com", "a@", "a@b", "a b@example.com", "a@exa mple.com",
                "a@@example.com", "a@-example.com", "a\n@example.com"})
        void mustLookLikeAnAddress(String raw) {
            invalid(() -> Email.parse(raw), "email");
        }

        @Test
        void areAtMost254Characters() {
            String local = "a".repeat(64);
            String domain = ("d".repeat(60) + ".").repeat(3) + "com";
            assertThat(Email.parse(local + "@" + domain).value()).hasSizeLessThanOrEqualTo(254);
            invalid(() -> Email.parse(local + "@" + "d".repeat(60) + "." + domain), "email");
        }
    }

    @Nested
    class Usernames {
        @ParameterizedTest
        @ValueSource(strings = {"abc", "Ada_Lovelace", "a.b-c", "x23456789012345678901234567890ab"})
        void acceptThreeToThirtyTwoAllowedCharacters(String raw) {
            assertThat(Username.parse(raw).value()).isEqualTo(raw);
        }

        @ParameterizedTest
        @ValueSource(strings = {"ab", "x234567890123456789012345678901234", "has space", "émile", "semi;colon", ""})
        void refuseEverythingElse(String raw) {
            invalid(() -> Username.parse(raw), "username");
        }

        @Test
        void compareWithoutCase() {
            assertThat(Username.parse("Ada").key()).isEqualTo(Username.parse("ADA").key()).isEqualTo("ada");
        }

        @ParameterizedTest
        @CsvSource({
                "zoe@example.com, zoe_k2",
                "Zoë.Ann-Smith+news@example.com, zo.ann-smithnews_k2",
                "ab@example.com, reader_k2",
                "éé!@example.com, reader_k2",
                "a_very_long_local_part_beyond_24@example.com, a_very_long_local_part_b_k2",
                "名前abc@example.com, abc_k2"})
        void ofAnAccountMadeByALinkComeFromTheAddress(String email, String name) {
            assertThat(Username.forEmail(Email.parse(email), "k2").value()).isEqualTo(name);
        }

        @Test
        void ofAnAccountMadeByALinkKeepOnlyAsciiLettersAsSqlitesLowerDoes() {
            // "İ" lower-cases to "i" and a combining dot in Java, but SQLite's lower() leaves it, and then drops it.
            assertThat(Username.forEmail(new Email("İab@example.com"), "k2").value()).isEqualTo("reader_k2");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "abcde", "AB", "a_b"})
        void ofAnAccountMadeByALinkEndWithAShortSuffix(String suffix) {
            assertThatThrownBy(() -> Username.forEmail(Email.parse("zoe@example.com"),
                    suffix)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Passwords {
        @Test
        void areTenToTwoHundredFiftySixCharacters() {
            assertThat(PlainPassword.parse("x".repeat(10)).value()).hasSize(10);
            assertThat(PlainPassword.parse("x".repeat(256)).value()).hasSize(256);
            invalid(() -> PlainPassword.parse("x".repeat(9)), "password");
            invalid(() -> PlainPassword.parse("x".repeat(257)), "password");
            invalid(() -> PlainPassword.parse("x".repeat(1_000_000)), "password");
        }

        @Test
        void countCharactersNotBytes() {
            assertThat(PlainPassword.parse("🔑".repeat(10)).value()).isNotEmpty();
            invalid(() -> PlainPassword.parse("🔑".repeat(257)), "password");
        }

        @Test
        void neverPrintThemselves() {
            assertThat(PlainPassword.parse("secret-password").toString()).doesNotContain("secret");
        }
    }

    @Nested
    class Titles {
        @Test
        void areOptionalTrimmedAndAtMostTwoHundredCharacters() {
            assertThat(Title.parseOptional(null)).isEmpty();
            assertThat(Title.parseOptional("   ")).isEmpty();
            assertThat(Title.parseOptional("  Hello  ")).map(Title::value).contains("Hello");
            assertThat(Title.parseOptional("t".repeat(200))).isPresent();
            invalid(() -> Title.parseOptional("t".repeat(201)), "title");
            invalid(() -> Title.parseOptional("two\nlines"), "title");
        }
    }

    @Nested
    class TagRules {
        @Test
        void areTrimmedLowerCasedAndOneToFortyCharacters() {
            assertThat(Tag.parse("  Machine Learning ").value()).isEqualTo("machine learning");
            assertThat(Tag.parse("t".repeat(40)).value()).hasSize(40);
            invalid(() -> Tag.parse("t".repeat(41)), "tags");
            invalid(() -> Tag.parse("   "), "tags");
            invalid(() -> Tag.parse("tab\there"), "tags");
        }

        @Test
        void areUniqueAfterNormalisationAndKeepTheirOrder() {
            assertThat(Tags.parse(List.of("AI", "ml", "ai", " ML ", "nlp")).strings()).containsExactly("ai", "ml", "nlp");
        }

        @Test
        void areAtMostTwenty() {
            List<String> twenty = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                twenty.add("tag" + i);
            }
            assertThat(Tags.parse(twenty).values()).hasSize(20);
            List<String> twentyOne = new ArrayList<>(twenty);
            twentyOne.add("one-more");
            invalid(() -> Tags.parse(twentyOne), "tags");
        }
    }

    @Nested
    class Contents {
        @Test
        void areRequiredAndNotBlank() {
            invalid(() -> Content.parse(null), "content");
            invalid(() -> Content.parse(" \n\t "), "content");
            assertThat(Content.parse("  keeps its spaces  ").value()).isEqualTo("  keeps its spaces  ");
        }

        @Test
        void areAtMostOneMebibyteOfUtf8() {
            assertThat(Content.parse("x".repeat(Content.MAX_BYTES)).bytes()).hasSize(Content.MAX_BYTES);
            assertThatThrownBy(() -> Content.parse("x".repeat(Content.MAX_BYTES + 1))).isInstanceOf(TooLarge.class);
            String multiByte = "é".repeat(Content.MAX_BYTES / 2);
            assertThat(Content.parse(multiByte).bytes()).hasSize(Content.MAX_BYTES);
            assertThatThrownBy(() -> Content.parse(multiByte + "é")).isInstanceOf(TooLarge.class);
            String emoji = "😀".repeat(Content.MAX_BYTES / 4);
            assertThat(Content.parse(emoji).bytes()).hasSize(Content.MAX_BYTES);
            assertThatThrownBy(() -> Content.parse(emoji + "x")).isInstanceOf(TooLarge.class);
            String threeByte = "€".repeat(Content.MAX_BYTES / 3);
            assertThat(Content.parse(threeByte).bytes()).hasSize(Content.MAX_BYTES / 3 * 3);
            assertThatThrownBy(() -> Content.parse(threeByte + "€")).isInstanceOf(TooLarge.class);
        }

        @Test
        void roundTripThroughBytes() {
            Content content = Content.parse("naïve 😀 text");
            assertThat(Content.fromBytes(content.bytes())).isEqualTo(content);
            assertThat(new String(content.bytes(), StandardCharsets.UTF_8)).isEqualTo("naïve 😀 text");
        }
    }

    @Nested
    class Previews {
        @Test
        void areTheFirstHundredCharactersWithAnEllipsisWhenLonger() {
            assertThat(ContentPreview.of("short").value()).isEqualTo("short");
            assertThat(ContentPreview.of("x".repeat(100)).value()).isEqualTo("x".repeat(100));
            assertThat(ContentPreview.of("x".repeat(101)).value()).isEqualTo("x".repeat(100) + "...");
        }

        @Test
        void neverSplitACharacter() {
            String emoji = "😀".repeat(150);
            String preview = ContentPreview.of(emoji).value();
            assertThat(preview).isEqualTo("😀".repeat(100) + "...");
            assertThat(preview.codePointCount(0, preview.length())).isEqualTo(103);
        }
    }

    @Nested
    class ModelNames {
        @Test
        void areOneToAHundredCharacters() {
            assertThat(ModelName.parse(" gpt-4o ").value()).isEqualTo("gpt-4o");
            assertThat(ModelName.parse("m".repeat(100)).value()).hasSize(100);
            invalid(() -> ModelName.parse(""), "modelName");
            invalid(() -> ModelName.parse("m".repeat(101)), "modelName");
        }
    }

    @Nested
    class BlobKeys {
        @Test
        void followTheOriginalLayout() {
            Instant at = Instant.parse("2026-11-22T10:00:00Z");
            assertThat(BlobKey.newPromptKey(at).value()).matches("prompt_" + at.toEpochMilli() + "_[a-z0-9]{16}");
            assertThat(BlobKey.newResponseKey(at).value()).matches("response_" + at.toEpochMilli() + "_[a-z0-9]{16}");
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < 1000; i++) {
                keys.add(BlobKey.newPromptKey(at).value());
            }
            assertThat(keys).hasSize(1000);
            // Every character of the alphabet turns up at every position: no bit of the draw is lost.
            for (int position = 0; position < 16; position++) {
                int index = position;
                Set<Character> seen = new HashSet<>();
                keys.forEach(key -> seen.add(key.charAt(key.lastIndexOf('_') + 1 + index)));
                assertThat(seen).as("characters at position %d", position).hasSize(32);
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"../etc/passwd", "prompt_1_abcdefgh/../../x", "prompt_1_ABCDEFGH", "/prompt_1_abcdefgh",
                "prompt_1_abcdefgh\u0000", "other_1_abcdefgh", "prompt__abcdefgh", ""})
        void canNeverNameAPathOutsideTheStore(String raw) {
            assertThatThrownBy(() -> new BlobKey(raw)).isInstanceOf(IllegalArgumentException.class);
            assertThat(BlobKey.isValid(raw)).isFalse();
        }
    }

    @Nested
    class Ids {
        @Test
        void areRandomCanonicalUuids() {
            PromptId id = PromptId.random();
            assertThat(PromptId.parse(id.value())).contains(id);
            assertThat(PromptId.parse(id.value().toUpperCase())).contains(id);
            assertThat(PromptId.parse("not-an-id")).isEmpty();
            assertThat(PromptId.parse(null)).isEmpty();
            assertThat(PromptId.parse("123e4567-e89b-12d3-a456-4266141740000")).isEmpty();
            assertThatThrownBy(() -> new PromptId("ABC")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
