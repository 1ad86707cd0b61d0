package dev.prompttracker.adapter.security;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.prompttracker.application.contract.PasswordHasherContract;
import dev.prompttracker.application.port.out.PasswordHasher;
import dev.prompttracker.domain.user.PasswordHash;
import dev.prompttracker.domain.user.PlainPassword;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

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

    @Test
    void hashesFromPassword4jStillVerifyAndOursVerifyThere() {
        String theirs = Password.hash("correct horse battery").addRandomSalt(16)
                .with(Argon2Function.getInstance(Argon2PasswordHasher.MEMORY_KIB, 2, 1, 32, Argon2.ID, 19)).getResult();
        assertThat(hasher.matches(new PlainPassword("correct horse battery"), new PasswordHash(theirs))).isTrue();
        assertThat(hasher.matches(new PlainPassword("correct horse batterY"), new PasswordHash(theirs))).isFalse();
        assertThat(hasher.needsRehash(new PasswordHash(theirs))).isFalse();

        String ours = hasher.hash(new PlainPassword("pässword ünïcode")).value();
        assertThat(Password.check("pässword ünïcode", ours).with(Argon2Function.getInstanceFromHash(ours))).isTrue();
    }

    @Test
    void aTamperedOrAbsurdHashDoesNotVerify() {
        PlainPassword password = new PlainPassword("correct horse battery");
        String hash = hasher.hash(password).value();
        String[] parts = hash.split("\\$");
        String otherHash = hasher.hash(new PlainPassword("another password")).value().split("\\$")[5];
        assertThat(hasher.matches(password, new PasswordHash(hash.replace(parts[5], otherHash)))).isFalse();
        assertThat(hasher.matches(password, new PasswordHash(hash.replace("m=19456", "m=99999999")))).isFalse();
        assertThat(hasher.matches(password, new PasswordHash(hash.replace("v=19", "v=7")))).isFalse();
        assertThat(hasher.matches(password, new PasswordHash(hash.replace("$argon2id$", "$argon2i$")))).isFalse();
    }

    @Test
    void hashesRunningAtOnceAreBoundedByHeapAndCores() {
        long mib = 1024L * 1024;
        assertThat(Argon2PasswordHasher.concurrentHashesFor(96 * mib, 2)).isEqualTo(1);
        assertThat(Argon2PasswordHasher.concurrentHashesFor(16 * mib, 8)).as("always one").isEqualTo(1);
        assertThat(Argon2PasswordHasher.concurrentHashesFor(6 * 1024 * mib, 2)).isEqualTo(2);
        assertThat(Argon2PasswordHasher.concurrentHashesFor(240 * mib, 8)).isEqualTo(4);
    }

    @Test
    void concurrentHashesWaitForEachOtherAndAllComplete() throws Exception {
        Argon2PasswordHasher one = new Argon2PasswordHasher(1);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var hashes = IntStream.range(0, 4)
                    .mapToObj(i -> pool.submit(() -> one.hash(new PlainPassword("password number " + i))))
                    .toList();
            for (int i = 0; i < hashes.size(); i++) {
                assertThat(one.matches(new PlainPassword("password number " + i), hashes.get(i).get())).isTrue();
            }
        }
    }

    private static String pad(String base64) {
        return base64 + "=".repeat((4 - base64.length() % 4) % 4);
    }
}
