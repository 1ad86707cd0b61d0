package dev.prompttracker.domain;

import dev.prompttracker.domain.content.BlobKey;
import dev.prompttracker.domain.content.Content;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.prompt.ModelName;
import dev.prompttracker.domain.prompt.Tag;
import dev.prompttracker.domain.search.Highlighted;
import dev.prompttracker.domain.search.SearchQuery;
import dev.prompttracker.domain.search.SearchQuery.Term;
import dev.prompttracker.domain.search.SearchText;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The search box's grammar: what each form means, and that no input escapes as anything but a 400 on q. */
class SearchQueryTest {

    @Test
    void wordsPhrasesPrefixesExclusionsAndFilters() {
        SearchQuery query = SearchQuery.parse("  Monad \"type class\" funct* -java -\"hello world\" tag:FP model:\"gpt 4o\"");
        assertThat(query.included()).containsExactly(new Term("Monad", false), new Term("type class", false),
                new Term("funct", true));
        assertThat(query.excluded()).containsExactly(new Term("java", false), new Term("hello world", false));
        assertThat(query.tags()).containsExactly(Tag.parse("fp"));
        assertThat(query.models()).containsExactly(ModelName.parse("gpt 4o"));
    }

    @Test
    void punctuationOnlyWordsAreDroppedAndPhrasesWithStarArePrefixes() {
        SearchQuery query = SearchQuery.parse("... && \"a  phr\"* c++");
        assertThat(query.included()).containsExactly(new Term("a phr", true), new Term("c++", false));
        assertThat(SearchQuery.parse("", List.of(Tag.parse("x")), List.of()).tags()).containsExactly(Tag.parse("x"));
    }

    @Test
    void malformedInputSaysWhatToFix() {
        assertInvalid("\"unclosed", "closing");
        assertInvalid("-only -excluded", "add a word");
        assertInvalid("", "nothing to search for");
        assertInvalid("...", "nothing to search for");
        assertInvalid("a*", "fewer than 2 letters");
        assertInvalid("tag:", "needs a value");
        assertInvalid("-tag:x", "cannot exclude");
        assertInvalid("\"\"", "empty phrase");
        assertInvalid("x".repeat(SearchQuery.MAX_LENGTH + 1), "at most 200");
        assertInvalid("a\nb", "one line");
        assertInvalid("tag:" + "t".repeat(41), "not a valid tag");
        assertInvalid("a b c d e f g h i j k l m n o p q", "at most 16");
    }

    @Test
    void randomInputIsParsedOrRefusedOnQNeverAnythingElse() {
        Random random = new Random(14);
        String alphabet = "ab zé\"*-:tagmodel()^{}+NOTORAND.\\'`\u0002\u0003\t\u00a0\ud83d\ude00";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder input = new StringBuilder();
            int length = random.nextInt(40);
            for (int j = 0; j < length; j++) {
                input.append(random.nextInt(10) == 0 ? (char) random.nextInt(0x3000)
                        : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                SearchQuery query = SearchQuery.parse(input.toString());
                assertThat(query.included().size() + query.excluded().size() + query.tags().size()
                        + query.models().size()).isBetween(1, SearchQuery.MAX_PARTS);
                query.included().forEach(term -> assertThat(term.text()).doesNotContain("\"").isNotBlank());
            } catch (Invalid refused) {
                assertThat(refused.fieldErrors()).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("q"));
            }
        }
    }

    @Test
    void searchTextKeepsTheFirstBytesWholeAndNoMarkers() {
        BlobKey key = BlobKey.newPromptKey(Instant.parse("2026-12-04T00:00:00Z"));
        String body = "\u0002é".repeat(20_000);
        SearchText text = SearchText.ofPrompt(key, new Content(body));
        assertThat(text.utf8Length()).isLessThanOrEqualTo(SearchText.PROMPT_BYTES).isGreaterThan(SearchText.PROMPT_BYTES - 3);
        assertThat(text.text()).doesNotContain("\u0002").startsWith(" é");
        String emoji = "\ud83d\ude00".repeat(10_000);
        String cut = SearchText.ofResponse(key, new Content(emoji)).text();
        assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSize(SearchText.RESPONSE_BYTES);
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 1))).isFalse();
    }

    @Test
    void highlightedTextSplitsOnTheMarkers() {
        Highlighted marked = Highlighted.fromMarked("a \u0002monad\u0003 is \u0003x");
        assertThat(marked.parts()).containsExactly(new Highlighted.Part("a ", false),
                new Highlighted.Part("monad", true), new Highlighted.Part(" is x", false));
        assertThat(marked.plain()).isEqualTo("a monad is x");
    }

    private static void assertInvalid(String input, String message) {
        assertThatThrownBy(() -> SearchQuery.parse(input)).isInstanceOf(Invalid.class)
                .satisfies(e -> assertThat(((Invalid) e).fieldErrors().getFirst().field()).isEqualTo("q"))
                .hasMessageContaining(message);
    }
}
