package dev.prompttracker.adapter.http.transfer;

import dev.prompttracker.application.port.in.ImportItem;
import dev.prompttracker.application.port.in.ImportItem.ForeignPrompt;
import dev.prompttracker.application.port.in.ImportItem.ForeignResponse;
import dev.prompttracker.application.port.in.ImportItem.Unreadable;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.error.TooLarge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.prompttracker.adapter.http.transfer.PromptsChatCsvReaderTest.readAll;
import static dev.prompttracker.adapter.http.transfer.PromptsChatCsvReaderTest.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

@Timeout(60)
class PromptfooReaderTest {
    private static final String TRANSLATE = "Translate to French: Hello world";
    private static final String TERSE = "You are a terse translator. Translate into French, answer with the translation only.\n\nText: Hello world";
    private static final String GPT = "openai:gpt-4o-mini";
    private static final String HAIKU = "claude-haiku";
    private static final String LLAMA = "ollama:chat:llama3.2";

    private final PromptfooReader reader = new PromptfooReader();

    private List<ImportItem> read(String text) {
        return readAll(reader, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static ForeignPrompt prompt(String location, String title, String text, ForeignResponse... responses) {
        return new ForeignPrompt(location, Optional.ofNullable(title), text, List.of(), List.of(responses));
    }

    private static List<ImportItem> expectedResults(String prefix) {
        return List.of(
                prompt(prefix + "[0]", "Translate to {{language}}: {{text}}", TRANSLATE,
                        new ForeignResponse(GPT, "Bonjour le monde"),
                        new ForeignResponse(HAIKU, "Bonjour le monde !")),
                prompt(prefix + "[1]", null, TERSE,
                        new ForeignResponse(GPT, "Bonjour le monde"),
                        new ForeignResponse(HAIKU, "{\"translation\":\"Bonjour le monde\",\"confidence\":0.98}"),
                        new ForeignResponse(LLAMA, "Salut le monde")),
                new Unreadable(prefix + "[4]",
                        "promptfoo recorded an error and no output: API error: connect ECONNREFUSED 127.0.0.1:11434"));
    }

    @Test
    void anOutputFileGivesOnePromptPerTextWithOneResponsePerProvider() {
        assertThat(reader.format()).isEqualTo("promptfoo");
        assertThat(readAll(reader, resource("promptfoo-results.json"))).isEqualTo(expectedResults("results.results"));
    }

    @Test
    void theSameOutputAsYamlWithAnchorsAndAliasesReadsTheSame() {
        // The YAML shares the test case and one provider object through anchors (&id001, *id003).
        assertThat(readAll(reader, resource("promptfoo-results.yaml"))).isEqualTo(expectedResults("results.results"));
    }

    @Test
    void aSummaryWithTheResultsListAtTheTopReadsTheSame() {
        String summary = """
                {"version": 2, "timestamp": "2024-05-01T10:00:00Z",
                 "results": [
                   {"prompt": {"raw": "Say hi", "label": "greeting"}, "provider": {"id": "openai:gpt-4o"},
                    "response": {"output": "Hi!"}, "success": true},
                   {"prompt": {"raw": "Say hi", "label": "greeting"}, "provider": "echo",
                    "response": {"output": 42}, "success": true},
                   {"prompt": {"label": "no raw"}, "provider": {"id": "echo"}, "response": {"output": "x"}},
                   {"prompt": {"raw": "Say hi"}, "provider": {}, "response": {"output": "x"}},
                   {"prompt": {"raw": "Say hi"}, "provider": {"id": "echo"}, "response": {}},
                   "not an object"
                 ],
                 "table": {"head": {"prompts": [], "vars": []}, "body": []}}
                """;
        assertThat(read(summary)).containsExactly(
                prompt("results[0]", "greeting", "Say hi",
                        new ForeignResponse("openai:gpt-4o", "Hi!"), new ForeignResponse("echo", "42")),
                new Unreadable("results[2]", "has no prompt.raw text"),
                new Unreadable("results[3]", "has no provider.id or provider.label text"),
                new Unreadable("results[4]", "has no response.output"),
                new Unreadable("results[5]", "is not a result object"));
    }

    @Test
    void aConfigurationGivesItsInlinePromptsAndReportsFileReferences() {
        assertThat(readAll(reader, resource("promptfooconfig.yaml"))).containsExactly(
                prompt("prompts[0]", null, "Reply to this customer message in a friendly tone: {{message}}"),
                new Unreadable("prompts[1]", "refers to file://prompts/support_system.txt, a file an upload cannot "
                        + "carry: put its text in the file as raw"),
                prompt("prompts[2]", "Bookshop agent", "You are a support agent for an online bookshop.\n"
                        + "Answer in at most three sentences.\n\nCustomer: {{message}}\n"),
                new Unreadable("prompts[3]", "refers to file://prompts/escalation.json, a file an upload cannot "
                        + "carry: put its text in the file as raw"),
                prompt("prompts[4]", "complaint-summary", "Summarise the complaint in one line: {{message}}"),
                new Unreadable("prompts[5]", "has an empty raw text"));
    }

    @Test
    void theMappingFormOfPromptsReadsKeysAsPromptsAndValuesAsTitles() {
        assertThat(readAll(reader, resource("promptfooconfig-map.yaml"))).containsExactly(
                new Unreadable("prompts[0]", "refers to file://prompts/a.txt, a file an upload cannot carry: "
                        + "put its text in the file as raw"),
                prompt("prompts[1]", "Haiku", "Write a haiku about {{topic}}"));
    }

    @Test
    void aJsonConfigurationAndASinglePromptText() {
        assertThat(read("""
                {"prompts": ["Tell me a joke", {"raw": [{"role": "system", "content": "Be brief"}], "label": "chat"}, 7],
                 "providers": ["echo"]}""")).containsExactly(
                prompt("prompts[0]", null, "Tell me a joke"),
                prompt("prompts[1]", "chat", "[{\"role\":\"system\",\"content\":\"Be brief\"}]"),
                new Unreadable("prompts[2]", "is neither a prompt text nor a prompt object"));
        assertThat(read("prompts: Tell me a joke\n")).containsExactly(prompt("prompts", null, "Tell me a joke"));
    }

    @Test
    void anythingElseIsNotPromptfoo() {
        for (String other : List.of("providers: [echo]\ntests: []\n", "{\"evalId\": \"x\"}", "[1, 2, 3]",
                "just some words", "- a\n- b\n", "results: 42\n", "results: {table: {body: []}}\n", "prompts: 42\n")) {
            assertThatThrownBy(() -> read(other)).as(other).isInstanceOf(Invalid.class)
                    .hasMessageContaining("file is not a promptfoo configuration or output file: ");
        }
        assertThatThrownBy(() -> read(" \n\t")).isInstanceOf(Invalid.class).hasMessageContaining("file is empty");
        assertThatThrownBy(() -> read("")).isInstanceOf(Invalid.class).hasMessageContaining("file is empty");
    }

    @Test
    void truncatedFilesAreInvalidWithWhereTheyBroke() {
        assertThatThrownBy(() -> read("prompts:\n  - 'an unterminated quote\n  - second\n"))
                .isInstanceOf(Invalid.class).hasMessageContaining("file is not valid YAML (line ");
        assertThatThrownBy(() -> read("{\"results\": {\"results\": [{\"prompt\": {\"raw\": \"Say"))
                .isInstanceOf(Invalid.class).hasMessageContaining("file is not valid JSON (line 1, column ");
        assertThatThrownBy(() -> read("prompts: [a, b\n")).isInstanceOf(Invalid.class)
                .hasMessageContaining("file is not valid YAML");
    }

    @Test
    void aFileOverTheCapIsTooLargeAndIsNotReadPastIt() {
        CountingZeros upload = new CountingZeros(PromptfooReader.MAX_BYTES + 10_000_000L);
        assertThatThrownBy(() -> readAll(reader, upload)).isInstanceOf(TooLarge.class)
                .hasMessageContaining("at most 32 MiB");
        assertThat(upload.served).isLessThanOrEqualTo(PromptfooReader.MAX_BYTES + 1L);
    }

    @Test
    void deepNestingIsInvalid() {
        assertThatThrownBy(() -> read("[".repeat(10_000))).isInstanceOf(Invalid.class)
                .hasMessageContaining("nests deeper than " + PromptfooReader.MAX_DEPTH + " levels");
        assertThatThrownBy(() -> read("prompts:\n" + "  ".repeat(0) + "- ".repeat(500) + "x\n")).isInstanceOf(Invalid.class)
                .hasMessageContaining("nests deeper than");
        StringBuilder chain = new StringBuilder("a0: &a0 [x]\n");
        for (int i = 1; i <= 150; i++) {
            chain.append('a').append(i).append(": &a").append(i).append(" [*a").append(i - 1).append("]\n");
        }
        chain.append("prompts: [*a150]\n");
        assertThatThrownBy(() -> read(chain.toString())).isInstanceOf(Invalid.class)
                .hasMessageContaining("nests deeper than " + PromptfooReader.MAX_DEPTH + " levels through its YAML aliases");
    }

    @Test
    void aBillionLaughsIsRefusedQuickly() {
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char level = 'b'; level <= 'i'; level++) {
            char previous = (char) (level - 1);
            bomb.append(level).append(": &").append(level).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(9, "*" + previous))).append("]\n");
        }
        String config = bomb + "prompts: [*i, {raw: *i, label: laughs}]\n";
        String output = bomb + "results:\n  results:\n    - prompt: {raw: hi}\n      provider: {id: echo}\n"
                + "      response: {output: *i}\n";
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertThat(read(config)).containsExactly(
                    new Unreadable("prompts[0]", "is neither a prompt text nor a prompt object"),
                    new Unreadable("prompts[1]", "has a raw prompt longer than " + PromptfooReader.MAX_SERIALIZED_CHARS
                            + " characters as JSON"));
            assertThat(read(output)).containsExactly(
                    prompt("results.results[0]", null, "hi"),
                    new Unreadable("results.results[0]", "has a response.output longer than "
                            + PromptfooReader.MAX_SERIALIZED_CHARS + " characters as JSON"));
        });
    }

    @Test
    void anAliasThatCannotBeFollowedLeavesItsRecordUnreadable() {
        assertThat(read("x: &t \"a shared text\"\nprompts: [*t, {raw: *t}, *nowhere, ok]\n")).containsExactly(
                new Unreadable("prompts[0]", "uses the YAML alias *t for prompt, which this reader cannot follow"),
                new Unreadable("prompts[1]", "uses the YAML alias *t for raw, which this reader cannot follow"),
                new Unreadable("prompts[2]", "uses the YAML alias *nowhere for prompt, which this reader cannot follow"),
                prompt("prompts[3]", null, "ok"));
    }

    /** Serves zeros and counts them, without holding them. */
    private static final class CountingZeros extends InputStream {
        private final long size;
        long served;

        CountingZeros(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (served == size) {
                return -1;
            }
            served++;
            return ' ';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            int n = (int) Math.min(length, size - served);
            if (n <= 0) {
                return length == 0 ? 0 : -1;
            }
            java.util.Arrays.fill(buffer, offset, offset + n, (byte) ' ');
            served += n;
            return n;
        }
    }
}
