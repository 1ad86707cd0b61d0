package dev.prompttracker.adapter.d1.repository;

import dev.prompttracker.adapter.d1.sql.SqlRow;
import dev.prompttracker.domain.subscriber.PersonName;
import dev.prompttracker.domain.subscriber.Subscriber;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows written before the name rule (up to 100 characters, links allowed) still read, cleaned. */
class StoredSubscriberNamesTest {

    @Test
    void namesStoredBeforeTheRuleAreReadCleanedNotRefused() {
        Map<String, Object> row = new HashMap<>(Map.of("id", "0b0c2c6e-5f9e-4a8e-9d3f-3c6f6a1d2b7e",
                "email", "old@example.com", "first_name", "Ada https://evil.example/login " + "x".repeat(60),
                "last_name", "www.evil.example", "has_access", 1L, "has_purchased", 0L, "state", "ACTIVE",
                "emails_sent", 0L, "created_at", 1L, "updated_at", 1L));
        row.put("version", 1L);

        Subscriber subscriber = SqlSubscriberRepository.toSubscriber(new SqlRow(row));

        assertThat(subscriber.firstName()).map(PersonName::value).contains("Ada " + "x".repeat(46));
        assertThat(subscriber.lastName()).isEmpty();
    }
}
