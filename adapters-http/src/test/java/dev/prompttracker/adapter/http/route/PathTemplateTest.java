package dev.prompttracker.adapter.http.route;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathTemplateTest {
    private final PathTemplate responses = PathTemplate.parse("/api/prompts/{prompt_id}/responses/{id}");

    @Test
    void literalsAndVariablesMatchOneSegmentEach() {
        assertThat(responses.match("/api/prompts/p1/responses/r2"))
                .contains(Map.of("prompt_id", "p1", "id", "r2"));
        assertThat(responses.variables()).containsExactly("prompt_id", "id");
        assertThat(responses.literals()).isEqualTo(3);
        assertThat(PathTemplate.parse("/api/prompts").match("/api/prompts")).contains(Map.of());
        assertThat(PathTemplate.parse("/api/prompts/{id=*}").match("/api/prompts/x")).contains(Map.of("id", "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/prompts/p1/responses", "/api/prompts/p1/responses/", "/api/prompts/p1/responses/r2/x",
            "/api/prompts//responses/r2", "/api/prompts/p1/answers/r2", "api/prompts/p1/responses/r2",
            "/api/prompts/p%2F1/responses/r2", "", "/"})
    void anythingElseDoesNotMatch(String path) {
        assertThat(responses.match(path)).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/{path=**}", "/api/{prompt.id}", "/api/prompts:", "/api/{id}:1x",
            "/api/prompts/:diff", "/api/prompts:a:b", "/api/*", "api/prompts",
            "/api/prompts/", "/api//prompts", "/api/{id=prompts/*}"})
    void formsBeyondTheTableAreRefusedWhenRead(String template) {
        assertThatThrownBy(() -> PathTemplate.parse(template)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(template);
    }

    @Test
    void aCustomVerbEndsTheLastSegmentAfterALiteralOrAVariable() {
        PathTemplate restore = PathTemplate.parse("/api/prompts/{prompt_id}/versions/{number}:restore");
        assertThat(restore.verb()).isEqualTo("restore");
        assertThat(restore.variables()).containsExactly("prompt_id", "number");
        assertThat(restore.match("/api/prompts/p1/versions/2:restore")).contains(Map.of("prompt_id", "p1", "number", "2"));
        assertThat(restore.match("/api/prompts/p1/versions/2")).isEmpty();
        assertThat(restore.match("/api/prompts/p1/versions/:restore")).isEmpty();
        assertThat(restore.match("/api/prompts/p1/versions/2:restore/x")).isEmpty();
        assertThat(restore.expand(Map.of("prompt_id", "p1", "number", "2"))).isEqualTo("/api/prompts/p1/versions/2:restore");

        PathTemplate diff = PathTemplate.parse("/api/prompts/{prompt_id}/responses:diff");
        assertThat(diff.match("/api/prompts/p1/responses:diff")).contains(Map.of("prompt_id", "p1"));
        assertThat(diff.match("/api/prompts/p1/responses")).isEmpty();
        assertThat(diff.match("/api/prompts/p1/responses:other")).isEmpty();
        assertThat(PathTemplate.parse("/api/prompts/{prompt_id}/responses").match("/api/prompts/p1/responses:diff"))
                .as("a verb is not part of a literal").isEmpty();
        assertThat(diff.literals()).as("the verb makes it more specific").isEqualTo(4);
    }

    @Test
    void expandingFillsEachVariableWithOneEncodedSegmentThatMatchesBack() {
        assertThat(responses.expand(Map.of("prompt_id", "p 1/2", "id", "r2")))
                .isEqualTo("/api/prompts/p%201%2F2/responses/r2");
        assertThat(responses.match(responses.expand(Map.of("prompt_id", "p1", "id", "r2"))))
                .contains(Map.of("prompt_id", "p1", "id", "r2"));
        assertThatThrownBy(() -> responses.expand(Map.of("prompt_id", "p1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
    }
}
