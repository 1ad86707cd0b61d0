package dev.prompttracker.adapter.d1;

import dev.prompttracker.adapter.d1.repository.SqlPromptRepository;
import dev.prompttracker.adapter.d1.repository.SqlResponseRepository;
import dev.prompttracker.application.contract.Fixtures;
import dev.prompttracker.application.port.out.PromptRepository.SearchCriteria;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.prompt.Prompt;
import dev.prompttracker.domain.search.SearchQuery;
import dev.prompttracker.domain.user.User;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Property: whatever a user types, the parsed query runs on the real FTS5 (SQLite and the D1 stand-in)
 * without a syntax error, or it is refused as invalid input on {@code q}; never anything else. Inputs
 * mix FTS5's own operators, quotes, column filters, control and non-BMP characters.
 */
class SearchQueryFuzzTest {
    private static final String[] PIECES = {"\"", "*", "-", ":", "(", ")", "{", "}", "^", "+", "NOT", "AND", "OR",
            "NEAR", "NEAR(", "tag:", "model:", "title:", "body", "'", "\\", ".", ",", " ", "  ", "\t", "é", "ß",
            "\ud83d\ude00", "\u0000", "\u0002", "x", "ab", "monad", "gpt-4o", "c++", "ü*", "\"\"", "-\"", "*\"", "_",
            "\u200b", "\ufeff", "%", "0", "12", "\ud800", "中文", "😀*"};

    interface Scenario {
        SqlPromptRepository prompts();

        void seed();

        int rounds();

        @Test
        default void anyInputIsSearchedOrRefusedOnQNeverAnFtsError() {
            seed();
            Random random = new Random(1414);
            int searched = 0;
            for (int i = 0; i < rounds(); i++) {
                StringBuilder input = new StringBuilder();
                int parts = 1 + random.nextInt(8);
                for (int j = 0; j < parts; j++) {
                    input.append(random.nextInt(6) == 0 ? String.valueOf((char) random.nextInt(0x2500))
                            : PIECES[random.nextInt(PIECES.length)]);
                }
                SearchQuery query;
                try {
                    query = SearchQuery.parse(input.toString());
                } catch (Invalid refused) {
                    assertThat(refused.fieldErrors()).extracting("field").containsExactly("q");
                    continue;
                }
                try {
                    prompts().search(new SearchCriteria(query, Optional.empty(), true, Optional.empty(),
                            Optional.empty(), 0, 5));
                    searched++;
                } catch (RuntimeException failure) {
                    fail("input <" + input + "> as " + query + " failed: " + failure, failure);
                }
            }
            assertThat(searched).as("most inputs are searchable").isGreaterThan(rounds() / 3);
        }
    }

    private static void seed(RepositoryFactory.OnStore store) {
        User user = Fixtures.uniqueUser();
        store.users().create(user);
        for (String text : new String[] {"monad gpt 4o c++ tag body", "NOT AND OR NEAR", "中文 é ß ü"}) {
            Prompt prompt = Fixtures.prompt(user.id(), Fixtures.T0, text, true, "tag");
            store.prompts().create(prompt, Fixtures.text(prompt));
        }
    }

    @Nested
    class OnSqlite extends RepositoryFactory.OnSqlite implements Scenario {
        @Override
        public SqlPromptRepository prompts() {
            return new SqlPromptRepository(sql());
        }

        @Override
        public void seed() {
            SearchQueryFuzzTest.seed(this);
        }

        @Override
        public int rounds() {
            return 5_000;
        }
    }

    @Nested
    class OnD1 extends RepositoryFactory.OnD1 implements Scenario {
        @Override
        public SqlPromptRepository prompts() {
            return new SqlPromptRepository(sql());
        }

        @Override
        public void seed() {
            SearchQueryFuzzTest.seed(this);
        }

        @Override
        public int rounds() {
            return 300;
        }
    }
}
