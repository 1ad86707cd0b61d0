package dev.prompttracker.adapter.d1.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prompttracker.domain.prompt.PromptVersion;
import dev.prompttracker.domain.prompt.Title;
import dev.prompttracker.domain.prompt.VersionMessage;
import dev.prompttracker.domain.rating.Preference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON text columns (a prompt's tags), readable with SQLite's json functions too. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectReader STRINGS = MAPPER.readerFor(new TypeReference<List<String>>() {
    });

    private Json() {
    }

    static String strings(List<String> values) {
        try {
            return MAPPER.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
    }

    static List<String> strings(String json) {
        try {
            return STRINGS.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored tags are not a JSON array of strings", e);
        }
    }

    /** Preferences as their one upsert reads them: the rows, and the distinct reasons the rows point into. */
    record PreferenceRows(String rows, String reasons) {
    }

    /**
     * Rows of rater {@code r}, pair key {@code k}, prompt {@code p}, chosen {@code c}, rejected {@code x},
     * time {@code at} (epoch ms) and the index {@code n} of the reason: a ranking's one reason (up to 2,000
     * characters) is sent once, not with each of its up to 1,225 pairs.
     */
    static PreferenceRows preferences(List<Preference> preferences) {
        ArrayNode rows = MAPPER.createArrayNode();
        Map<String, Integer> reasons = new LinkedHashMap<>();
        for (Preference preference : preferences) {
            ObjectNode row = rows.addObject();
            row.put("r", preference.raterId().value());
            row.put("k", preference.pairKey());
            row.put("p", preference.promptId().value());
            row.put("c", preference.chosen().value());
            row.put("x", preference.rejected().value());
            row.put("n", reasons.computeIfAbsent(preference.reason().value(), reason -> reasons.size()));
            row.put("at", preference.updatedAt().toEpochMilli());
        }
        ArrayNode distinct = MAPPER.createArrayNode();
        reasons.keySet().forEach(distinct::add);
        return new PreferenceRows(rows.toString(), distinct.toString());
    }

    /** Versions as the JSON array an import's one insert reads ({@code n, t, p, k, a, m, c}; absent title or message: null). */
    static String versions(List<PromptVersion> versions) {
        ArrayNode array = MAPPER.createArrayNode();
        for (PromptVersion version : versions) {
            ObjectNode row = array.addObject();
            row.put("n", version.number());
            row.put("t", version.title().map(Title::value).orElse(null));
            row.put("p", version.contentPreview().value());
            row.put("k", version.contentKey().value());
            row.put("a", version.authorId().value());
            row.put("m", version.message().map(VersionMessage::value).orElse(null));
            row.put("c", version.createdAt().toEpochMilli());
        }
        return array.toString();
    }
}
