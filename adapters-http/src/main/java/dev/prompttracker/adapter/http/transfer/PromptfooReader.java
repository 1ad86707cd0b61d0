package dev.prompttracker.adapter.http.transfer;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.prompttracker.application.port.in.ImportItem;
import dev.prompttracker.application.port.in.ImportItem.ForeignPrompt;
import dev.prompttracker.application.port.in.ImportItem.ForeignResponse;
import dev.prompttracker.application.port.in.ImportItem.Unreadable;
import dev.prompttracker.domain.error.Invalid;
import dev.prompttracker.domain.error.TooLarge;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * promptfoo files, JSON or YAML (JSON when the first character that is not white space is '{' or '['),
 * told apart by their top-level keys.
 * <ul>
 * <li>An output file of {@code promptfoo eval -o} ({@code results} at the top): the results listed at
 * {@code results.results} (versions 2 and 3, the current layout), or at {@code results} itself when the
 * file is an evaluation summary. Results are grouped by {@code prompt.raw} (the prompt as sent, with its
 * variables filled in) into one prompt each, in the order first seen; each result gives one response,
 * its model being {@code provider.label}, else {@code provider.id}, its text {@code response.output}
 * (a value that is not text is kept as compact JSON). A result with an error and no output is reported
 * as unreadable at its own location, with the error; its prompt is still imported. {@code prompt.label}
 * is the title unless it only repeats the text. Tests, variables, grading and stats are not read.</li>
 * <li>A configuration ({@code prompts} at the top, e.g. {@code promptfooconfig.yaml}): each entry of
 * {@code prompts} that is a text, or an object with {@code raw} (or {@code prompt}) and {@code label}
 * (or {@code id}) as its title. A {@code file://} reference cannot be followed from an upload and is
 * reported unreadable, as is the mapping form {@code {"file://x": "label"}} for file keys. Providers and
 * tests are not responses and are not read.</li>
 * </ul>
 * The file is parsed whole, so it may hold at most {@link #MAX_BYTES} ({@link TooLarge} past it) and nest
 * at most {@link #MAX_DEPTH} levels. Jackson reports YAML aliases rather than expanding them; this reader
 * follows an alias to its list or mapping by reference, never by copy, and bounds the depth and the text
 * made from such a value, so an alias bomb costs no more than its own bytes. An alias it cannot follow
 * (to a plain value, or to a node not yet closed) leaves the record it is in unreadable.
 */
public final class PromptfooReader implements ImportReader {
    public static final String FORMAT = "promptfoo";
    public static final int MAX_BYTES = 32 * 1024 * 1024;
    public static final int MAX_DEPTH = 100;
    /** The longest text made from a structured output or prompt, an alias's expansion included. */
    public static final int MAX_SERIALIZED_CHARS = 4 * 1024 * 1024;

    private static final int MAX_QUOTED = 200;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH)
            .maxStringLength(MAX_BYTES)
            .maxDocumentLength(MAX_BYTES)
            .build();
    private static final JsonFactory JSON = JsonFactory.builder().streamReadConstraints(LIMITS).build();
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .streamReadConstraints(LIMITS)
            .build();
    private static final ObjectMapper WRITER = new ObjectMapper();

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public Iterator<ImportItem> read(InputStream upload) {
        return new Iterator<>() {
            private Iterator<ImportItem> items;

            @Override
            public boolean hasNext() {
                if (items == null) {
                    items = items(upload).iterator();
                }
                return items.hasNext();
            }

            @Override
            public ImportItem next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return items.next();
            }
        };
    }

    private static List<ImportItem> items(InputStream upload) {
        JsonNode root = parse(readCapped(upload));
        if (!root.isObject()) {
            throw notPromptfoo("its top level is not a mapping");
        }
        if (root.has("results")) {
            return results(root.get("results"));
        }
        if (root.has("prompts")) {
            return prompts(root.get("prompts"));
        }
        throw notPromptfoo("it has neither prompts nor results at its top level");
    }

    private static byte[] readCapped(InputStream upload) {
        try {
            byte[] bytes = upload.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new TooLarge("a promptfoo file is read whole and may hold at most " + (MAX_BYTES >> 20) + " MiB");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- parsing -------------------------------------------------------------------------------------

    private static JsonNode parse(byte[] bytes) {
        int start = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            start = 3;
        }
        while (start < bytes.length && Character.isWhitespace(bytes[start])) {
            start++;
        }
        if (start == bytes.length) {
            throw Invalid.field("file", "is empty");
        }
        boolean json = bytes[start] == '{' || bytes[start] == '[';
        try (JsonParser parser = json ? JSON.createParser(bytes, start, bytes.length - start)
                : YAML.createParser(bytes, start, bytes.length - start)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw Invalid.field("file", "is empty");
            }
            return new TreeBuilder(parser).value(first).node();
        } catch (StreamConstraintsException e) {
            throw invalid("nests deeper than " + MAX_DEPTH + " levels or holds a value too long to read", e);
        } catch (JacksonException e) {
            throw invalid("is not valid " + (json ? "JSON" : "YAML") + where(e.getLocation()), e);
        } catch (YAMLException e) {
            throw invalid("is not valid YAML", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array: not expected
        }
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /**
     * Builds the tree itself so that YAML aliases point at the node they name (Jackson only reports the
     * anchor's name) and so that a chain of aliases cannot nest deeper than {@link #MAX_DEPTH}.
     */
    private static final class TreeBuilder {
        private final JsonParser parser;
        private final Map<String, Built> anchors = new HashMap<>();

        TreeBuilder(JsonParser parser) {
            this.parser = parser;
        }

        Built value(JsonToken token) throws IOException {
            Object anchor = parser.getObjectId();
            Built built = switch (token) {
                case START_OBJECT -> object();
                case START_ARRAY -> array();
                case VALUE_STRING -> parser instanceof YAMLParser yaml && yaml.isCurrentAlias()
                        ? anchors.getOrDefault(parser.getText(), new Built(NODES.pojoNode("*" + parser.getText()), 0))
                        : new Built(NODES.textNode(parser.getText()), 0);
                case VALUE_NUMBER_INT -> new Built(parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? NODES.numberNode(parser.getBigIntegerValue()) : NODES.numberNode(parser.getLongValue()), 0);
                case VALUE_NUMBER_FLOAT -> new Built(NODES.numberNode(parser.getDoubleValue()), 0);
                case VALUE_TRUE, VALUE_FALSE -> new Built(NODES.booleanNode(token == JsonToken.VALUE_TRUE), 0);
                case VALUE_EMBEDDED_OBJECT -> new Built(parser.getEmbeddedObject() instanceof byte[] binary
                        ? NODES.binaryNode(binary) : NODES.nullNode(), 0);
                default -> new Built(NODES.nullNode(), 0);
            };
            if (built.depth() > MAX_DEPTH) {
                throw Invalid.field("file", "nests deeper than " + MAX_DEPTH + " levels through its YAML aliases");
            }
            if (anchor instanceof String name && (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY)) {
                anchors.put(name, built); // only once closed: an alias inside its own anchor stays unresolved
            }
            return built;
        }

        private Built object() throws IOException {
            ObjectNode object = NODES.objectNode();
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                Built child = value(parser.nextToken());
                object.set(name, child.node());
                depth = Math.max(depth, child.depth());
            }
            return new Built(object, depth + 1);
        }

        private Built array() throws IOException {
            ArrayNode array = NODES.arrayNode();
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                Built child = value(token);
                array.add(child.node());
                depth = Math.max(depth, child.depth());
            }
            return new Built(array, depth + 1);
        }
    }

    private record Built(JsonNode node, int depth) {
    }

    // ---- output files --------------------------------------------------------------------------------

    private static List<ImportItem> results(JsonNode results) {
        JsonNode list;
        String prefix;
        if (results.isArray()) {
            list = results;
            prefix = "results";
        } else if (results.path("results").isArray()) {
            list = results.get("results");
            prefix = "results.results";
        } else {
            throw notPromptfoo("results holds no list of results (output files before version 2 are not read)");
        }
        Map<String, Group> groups = new HashMap<>();
        List<Object> order = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String location = prefix + "[" + i + "]";
            JsonNode result = list.get(i);
            if (!result.isObject()) {
                order.add(new Unreadable(location, "is not a result object"));
                continue;
            }
            JsonNode prompt = result.path("prompt");
            String raw = text(prompt.path("raw"));
            if (raw == null || raw.isBlank()) {
                order.add(new Unreadable(location, missing(prompt.path("raw"), "prompt.raw")));
                continue;
            }
            Group group = groups.computeIfAbsent(raw, key -> {
                Group created = new Group(location, key);
                order.add(created);
                return created;
            });
            group.title(text(prompt.path("label")));
            Object response = response(location, result);
            if (response instanceof ForeignResponse found) {
                group.responses.add(found);
            } else {
                order.add(response);
            }
        }
        List<ImportItem> items = new ArrayList<>(order.size());
        for (Object entry : order) {
            items.add(entry instanceof Group group ? group.prompt() : (ImportItem) entry);
        }
        return items;
    }

    /** The result's response, or why it has none. */
    private static Object response(String location, JsonNode result) {
        JsonNode provider = result.path("provider");
        String model = provider.isTextual() ? provider.textValue()
                : firstNonBlank(text(provider.path("label")), text(provider.path("id")));
        if (model == null || model.isBlank()) {
            return new Unreadable(location, missing(provider, "provider.id or provider.label"));
        }
        JsonNode output = result.path("response").path("output");
        String error = firstNonBlank(text(result.path("error")), text(result.path("response").path("error")));
        if (isAlias(output)) {
            return new Unreadable(location, missing(output, "response.output"));
        }
        boolean none = output.isMissingNode() || output.isNull() || output.isTextual() && output.textValue().isEmpty();
        if (none && error != null) {
            return new Unreadable(location, "promptfoo recorded an error and no output: " + clip(error));
        }
        if (output.isMissingNode() || output.isNull()) {
            return new Unreadable(location, "has no response.output");
        }
        String text = output.isTextual() ? output.textValue() : serialize(output);
        return text == null
                ? new Unreadable(location, "has a response.output longer than " + MAX_SERIALIZED_CHARS + " characters as JSON")
                : new ForeignResponse(model, text);
    }

    private static final class Group {
        private final String location;
        private final String text;
        private final List<ForeignResponse> responses = new ArrayList<>();
        private String title;

        Group(String location, String text) {
            this.location = location;
            this.text = text;
        }

        void title(String label) {
            if (title == null && label != null && !label.isBlank() && !label.equals(text)) {
                title = label;
            }
        }

        ForeignPrompt prompt() {
            return new ForeignPrompt(location, Optional.ofNullable(title), text, List.of(), responses);
        }
    }

    // ---- configurations ------------------------------------------------------------------------------

    private static List<ImportItem> prompts(JsonNode prompts) {
        List<ImportItem> items = new ArrayList<>();
        if (prompts.isTextual() || isAlias(prompts)) {
            items.add(entry("prompts", prompts));
        } else if (prompts.isArray()) {
            for (int i = 0; i < prompts.size(); i++) {
                items.add(entry("prompts[" + i + "]", prompts.get(i)));
            }
        } else if (prompts.isObject()) {
            int i = 0;
            for (Map.Entry<String, JsonNode> field : prompts.properties()) {
                String location = "prompts[" + i++ + "]";
                ImportItem item = textEntry(location, field.getKey());
                if (item instanceof ForeignPrompt prompt) {
                    item = new ForeignPrompt(location, title(text(field.getValue()), prompt.text()), prompt.text(),
                            List.of(), List.of());
                }
                items.add(item);
            }
        } else {
            throw notPromptfoo("prompts is neither a text, a list nor a mapping");
        }
        return items;
    }

    private static ImportItem entry(String location, JsonNode entry) {
        if (entry.isTextual()) {
            return textEntry(location, entry.textValue());
        }
        if (!entry.isObject()) {
            return new Unreadable(location, isAlias(entry) ? missing(entry, "prompt")
                    : "is neither a prompt text nor a prompt object");
        }
        JsonNode raw = entry.has("raw") ? entry.get("raw") : entry.path("prompt");
        String id = text(entry.path("id"));
        if (raw.isMissingNode() || raw.isNull()) {
            return id != null && isFileReference(id) ? fileReference(location, id)
                    : new Unreadable(location, "has no raw text");
        }
        if (isAlias(raw)) {
            return new Unreadable(location, missing(raw, "raw"));
        }
        String text = raw.isTextual() ? raw.textValue() : raw.isContainerNode() ? serialize(raw) : null;
        if (text == null) {
            return new Unreadable(location, raw.isContainerNode()
                    ? "has a raw prompt longer than " + MAX_SERIALIZED_CHARS + " characters as JSON"
                    : "has a raw value that is not text");
        }
        if (raw.isTextual() && isFileReference(text)) {
            return fileReference(location, text);
        }
        if (text.isBlank()) {
            return new Unreadable(location, "has an empty raw text");
        }
        String label = firstNonBlank(text(entry.path("label")), id != null && !isFileReference(id) ? id : null);
        return new ForeignPrompt(location, title(label, text), text, List.of(), List.of());
    }

    private static ImportItem textEntry(String location, String text) {
        if (isFileReference(text)) {
            return fileReference(location, text);
        }
        if (text.isBlank()) {
            return new Unreadable(location, "is an empty prompt");
        }
        return new ForeignPrompt(location, Optional.empty(), text, List.of(), List.of());
    }

    private static boolean isFileReference(String text) {
        return text.strip().startsWith("file://");
    }

    private static Unreadable fileReference(String location, String reference) {
        return new Unreadable(location, "refers to " + clip(reference.strip())
                + ", a file an upload cannot carry: put its text in the file as raw");
    }

    private static Optional<String> title(String label, String text) {
        return label == null || label.isBlank() || label.equals(text) ? Optional.empty() : Optional.of(label);
    }

    // ---- values --------------------------------------------------------------------------------------

    private static String text(JsonNode node) {
        return node.isTextual() ? node.textValue() : null;
    }

    private static String firstNonBlank(String first, String second) {
        return first != null && !first.isBlank() ? first : second != null && !second.isBlank() ? second : null;
    }

    /** The tree builder makes a POJO node for an alias it could not follow, and for nothing else. */
    private static boolean isAlias(JsonNode node) {
        return node instanceof POJONode;
    }

    private static String missing(JsonNode node, String what) {
        return node instanceof POJONode alias
                ? "uses the YAML alias " + clip(String.valueOf(alias.getPojo())) + " for " + what
                        + ", which this reader cannot follow"
                : "has no " + what + " text";
    }

    /** Compact JSON of a value, or null past {@link #MAX_SERIALIZED_CHARS} (aliases may repeat a subtree). */
    private static String serialize(JsonNode value) {
        StringBuilder out = new StringBuilder();
        try (Writer bounded = new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) throws IOException {
                if (out.length() + length > MAX_SERIALIZED_CHARS) {
                    throw new IOException("too long");
                }
                out.append(chars, offset, length);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        }) {
            WRITER.writeValue(bounded, value);
            return out.toString();
        } catch (IOException e) {
            return null;
        }
    }

    private static String clip(String text) {
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "…";
    }

    private static Invalid notPromptfoo(String why) {
        return Invalid.field("file", "is not a promptfoo configuration or output file: " + why);
    }

    private static Invalid invalid(String message, Exception cause) {
        Invalid invalid = Invalid.field("file", message);
        invalid.initCause(cause);
        return invalid;
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        // Defence in depth: Jackson reads YAML as events and hands aliases to the tree builder above.
        options.setMaxAliasesForCollections(50);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_BYTES);
        return options;
    }
}
