package dev.prompttracker.application.contract;

import dev.prompttracker.application.port.out.PasswordHasher;
import dev.prompttracker.domain.user.PasswordHash;
import dev.prompttracker.domain.user.PlainPassword;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

public interface PasswordHasherContract {

    PasswordHasher hasher();

    @Test
    default void aHashMatchesItsPasswordAndNoOther() {
        PlainPassword password = new PlainPassword("correct horse battery");
        PasswordHash hash = hasher().hash(password);
        assertThat(hasher().matches(password, hash)).isTrue();
        assertThat(hasher().matches(new PlainPassword("correct horse battery!"), hash)).isFalse();
        assertThat(hash.value()).doesNotContain(password.value());
    }

    @Test
    default void theSamePasswordHashesDifferentlyEachTime() {
        PlainPassword password = new PlainPassword("s4me-password");
        assertThat(hasher().hash(password)).isNotEqualTo(hasher().hash(password));
    }

    @Test
    default void aFreshHashNeedsNoRehash() {
        assertThat(hasher().needsRehash(hasher().hash(new PlainPassword("fresh-password")))).isFalse();
    }

    @Test
    default void aHashOfAnUnknownFormatMatchesNothing() {
        assertThat(hasher().matches(new PlainPassword("any-password"), new PasswordHash("not-a-hash"))).isFalse();
    }
}
