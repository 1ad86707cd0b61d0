package dev.prompttracker.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Realistic data through the REST API: users, 1,000 tagged prompts (more when the run will add more
 * responses than 1,000 prompts can take), a hot public prompt with three ~2 KB responses, a user with
 * 50 prompts to list, subscribers, a signed-in reader with progress, and a prompt for the diffs: a
 * ~100 KB text revised once (two versions) with two ~100 KB responses.
 */
final class Seeder {
    static final int PROMPTS = 1_000;
    static final int LISTED = 50;
    static final int SUBSCRIBERS = 200;
    static final int CHAPTERS = 20;
    private static final String PASSWORD = "correct horse battery staple";
    private static final List<String> TAGS = List.of("poetry", "code", "sql", "java", "summaries", "translation",
            "email", "marketing", "math", "reasoning", "legal", "health", "travel", "recipes", "style", "review",
            "testing", "ops", "security", "fun");
    private static final Pattern LINK = Pattern.compile("verify\\?token=([A-Za-z0-9_-]+)");

    /** What the scenarios need from the seeded data. */
    record Seeded(String ownerToken, String hotPromptId, String listerToken, String writerToken,
                  List<String> writerPromptIds, String creatorToken, String readerToken, Diffed diffed) {
    }

    /** The prompt of the diff scenarios: versions 1 and 2 of its text, responses a and b; the owner's. */
    record Diffed(String promptId, String responseA, String responseB) {
    }

    /** Versions: 2 % of the lines edited, 3 paragraphs deleted and 3 inserted (a person's revision). */
    static final double VERSION_EDITS = 0.02;
    /** Responses: two models saying much the same thing, 10 % of the lines apart and 6 paragraphs each way. */
    static final double RESPONSE_EDITS = 0.10;

    /** What one prompt takes before the product refuses more responses to it. */
    static final int RESPONSES_PER_PROMPT = 50;

    private final Rest rest;
    private final Path outbox;
    private final int responseTargets;

    /** {@code responsesToAdd}: how many responses the run may add, spread over the writer's prompts. */
    Seeder(Rest rest, Path outbox, long responsesToAdd) {
        this.rest = rest;
        this.outbox = outbox;
        // Room for every response the run may add: past 50 per prompt, adding one is a (correct) 409.
        this.responseTargets = (int) Math.max(PROMPTS, Math.min(50_000,
                (responsesToAdd + RESPONSES_PER_PROMPT - 1) / RESPONSES_PER_PROMPT * 5 / 4));
    }

    Seeded seed() throws Exception {
        String owner = register("owner");
        String lister = register("lister");
        String writer = register("writer");
        String creator = register("creator");
        for (int i = 0; i < 6; i++) {
            register("user" + i);
        }

        String hot = rest.post("/api/prompts", owner, Map.of("title", "Compare three models on a haiku",
                "content", text("Write a haiku about databases that keep their promises. ", 2048),
                "tags", List.of("poetry", "comparison"), "isPublic", true)).get("id").asText();
        for (String model : List.of("gpt-4o", "claude-sonnet", "llama-3")) {
            rest.post("/api/prompts/" + hot + "/responses", owner,
                    Map.of("modelName", model, "content", text("A haiku by " + model + ": rows settle like snow. ", 2048)));
        }

        List<String> writerPrompts = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<String>> created = new ArrayList<>();
            for (int i = 0; i < responseTargets; i++) {
                int n = i;
                created.add(pool.submit(() -> rest.post("/api/prompts", writer, Map.of(
                        "title", "Prompt " + n, "content", text("Prompt number " + n + " asks for something useful. ", 600),
                        "tags", List.of(TAGS.get(n % TAGS.size()), TAGS.get((n * 7 + 3) % TAGS.size())),
                        "isPublic", n % 3 == 0)).get("id").asText()));
            }
            for (int i = 0; i < LISTED; i++) {
                int n = i;
                created.add(pool.submit(() -> rest.post("/api/prompts", lister, Map.of(
                        "title", "Listed " + n, "content", text("A prompt to list, number " + n + ". ", 400),
                        "tags", List.of(TAGS.get(n % TAGS.size())))).get("id").asText()));
            }
            for (int i = 0; i < SUBSCRIBERS; i++) {
                int n = i;
                created.add(pool.submit(() -> rest.post("/api/subscribers", null, Map.of(
                        "email", "subscriber" + n + "@bench.example", "firstName", "Reader" + n,
                        "utmSource", "bench")).toString()));
            }
            for (int i = 0; i < created.size(); i++) {
                String value = created.get(i).get();
                if (i < responseTargets) {
                    writerPrompts.add(value);
                }
            }
        }

        Diffed diffed = seedDiffs(owner);
        String reader = signInByMagicLink("subscriber0@bench.example");
        for (int chapter = 1; chapter <= CHAPTERS; chapter++) {
            rest.send("PUT", "/api/progress/chapters/" + chapter, reader, Map.of("completed", chapter % 2 == 0,
                    "timeSpentSeconds", 60 * chapter, "videosWatched", List.of("intro-" + chapter)));
        }
        return new Seeded(owner, hot, lister, writer, List.copyOf(writerPrompts), creator, reader, diffed);
    }

    private Diffed seedDiffs(String owner) {
        String first = DiffTexts.document(1);
        String id = rest.post("/api/prompts", owner, Map.of("title", "A long design document, revised",
                "content", first, "tags", List.of("bench", "diff"))).get("id").asText();
        rest.send("PATCH", "/api/prompts/" + id, owner, Map.of("content", DiffTexts.revise(first, VERSION_EDITS, 3, 2),
                "versionMessage", "second draft"));
        String answer = DiffTexts.document(3);
        String a = rest.post("/api/prompts/" + id + "/responses", owner, Map.of("modelName", "model-a",
                "content", answer, "isMarkdown", false)).get("id").asText();
        String b = rest.post("/api/prompts/" + id + "/responses", owner, Map.of("modelName", "model-b",
                "content", DiffTexts.revise(answer, RESPONSE_EDITS, 6, 4), "isMarkdown", false)).get("id").asText();
        return new Diffed(id, a, b);
    }

    private String register(String name) {
        return rest.post("/api/auth/register", null, Map.of("username", name, "email", name + "@bench.example",
                "password", PASSWORD)).get("accessToken").asText();
    }

    private String signInByMagicLink(String email) throws IOException, InterruptedException {
        rest.post("/api/auth/magic-link", null, Map.of("email", email));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Optional<String> token = linkToken();
            if (token.isPresent()) {
                JsonNode verified = rest.post("/api/auth/magic-link/verify", null, Map.of("token", token.get()));
                return verified.get("accessToken").asText();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no sign-in email reached " + outbox);
    }

    private Optional<String> linkToken() throws IOException {
        if (!Files.isDirectory(outbox)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(outbox)) {
            for (Path eml : files.filter(f -> f.toString().endsWith(".eml")).toList()) {
                Matcher link = LINK.matcher(Files.readString(eml));
                if (link.find()) {
                    return Optional.of(link.group(1));
                }
            }
        }
        return Optional.empty();
    }

    /** Text of about {@code bytes} characters made of the sentence repeated. */
    static String text(String sentence, int bytes) {
        StringBuilder text = new StringBuilder(bytes);
        while (text.length() < bytes) {
            text.append(sentence);
        }
        return text.substring(0, bytes);
    }
}
