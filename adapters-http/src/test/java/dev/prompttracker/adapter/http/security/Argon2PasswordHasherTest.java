package dev.prompttracker.adapter.http.security;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.prompttracker.application.contract.PasswordHasherContract;
import dev.prompttracker.application.port.out.PasswordHasher;
import dev.prompttracker.domain.user.PasswordHash;
import dev.prompttracker.domain.user.PlainPassword;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class Argon2PasswordHasherTest implements PasswordHasherContract {
    private final Argon2PasswordHasher hasher = new Argon2PasswordHasher();

    @Override
    public PasswordHasher hasher() {
        return hasher;
    }

    @Test
    void hashesWithArgon2idAtOwaspParametersAndASixteenByteSalt() {
        String hash = hasher.hash(new PlainPassword("correct horse battery")).value();
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        String salt = hash.split("\\$")[4];
        assertThat(Base64.getDecoder().decode(pad(salt))).hasSize(16);
    }

    @Test
    void aWeakerHashStillVerifiesAndIsFlaggedForRehash() {
        String weak = Password.hash("correct horse battery").addRandomSalt(16)
                .with(Argon2Function.getInstance(4096, 3, 1, 32, Argon2.ID, 19)).getResult();
        PasswordHash stored = new PasswordHash(weak);
        assertThat(hasher.matches(new PlainPassword("correct horse battery"), stored)).isTrue();
        assertThat(hasher.needsRehash(stored)).isTrue();
        assertThat(hasher.needsRehash(new PasswordHash("$2a$10$bcryptlegacyhash"))).isTrue();
    }

    private static String pad(String base64) {
        return base64 + "=".repeat((4 - base64.length() % 4) % 4);
    }
}
