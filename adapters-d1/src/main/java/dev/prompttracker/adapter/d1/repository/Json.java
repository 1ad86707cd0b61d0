package dev.prompttracker.adapter.d1.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import java.util.List;

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
}
