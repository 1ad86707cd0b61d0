package dev.prompttracker.domain.id;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class UuidsTest {

    @Test
    void nameBasedIdsAreStableCanonicalVersion5AndDependOnEveryPart() {
        String id = Uuids.nameBased("user-1", "prompt", "source-9");
        assertThat(Uuids.isCanonical(id)).isTrue();
        assertThat(UUID.fromString(id).version()).isEqualTo(5);
        assertThat(UUID.fromString(id).variant()).isEqualTo(2);
        assertThat(Uuids.nameBased("user-1", "prompt", "source-9")).isEqualTo(id);
        assertThat(Uuids.nameBased("user-2", "prompt", "source-9")).isNotEqualTo(id);
        assertThat(Uuids.nameBased("ab", "c")).as("parts are length-prefixed").isNotEqualTo(Uuids.nameBased("a", "bc"));
    }
}
