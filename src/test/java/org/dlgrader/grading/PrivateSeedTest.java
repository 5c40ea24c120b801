package org.dlgrader.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The private check's secret comes from outside the repository, and a teacher's slip with it is named. */
class PrivateSeedTest {

    @TempDir
    Path dir;

    @AfterEach
    void forget() {
        System.clearProperty(PrivateSeed.PROPERTY);
    }

    @Test
    void anyPhraseInTheFileIsASecret() throws IOException {
        Path file = dir.resolve("secret.txt");
        Files.writeString(file, "  the owl flies at noon\n");
        System.setProperty(PrivateSeed.PROPERTY, file.toString());

        assertThat(PrivateSeed.configured()).hasValue(PrivateSeed.of("the owl flies at noon"));
        assertThat(PrivateSeed.of("the owl flies at noon")).isNotEqualTo(PrivateSeed.of("the owl flies at midnight"));
    }

    @Test
    void anEmptyFileIsRefusedByName() throws IOException {
        Path file = Files.writeString(dir.resolve("secret.txt"), "\n");
        System.setProperty(PrivateSeed.PROPERTY, file.toString());

        assertThatThrownBy(PrivateSeed::configured).isInstanceOf(GraderError.class).hasMessage("The private check's secret file "
                + file + " (-Dgrader.privateSeedFile) is empty: write any phrase in it that students cannot guess.");
    }

    @Test
    void aMissingFileIsRefusedByName() {
        Path file = dir.resolve("nowhere.txt");
        System.setProperty(PrivateSeed.PROPERTY, file.toString());

        assertThatThrownBy(PrivateSeed::configured).isInstanceOf(GraderError.class)
                .hasMessageStartingWith("The private check's secret cannot be read from " + file + " (-Dgrader.privateSeedFile): ");
    }

    /** A cache key is in reports/, which a teacher may publish: it must not hold the secret itself. */
    @Test
    void theFingerprintDoesNotGiveTheSecretAway() {
        long secret = PrivateSeed.of("the owl flies at noon");
        String fingerprint = PrivateSeed.fingerprint(java.util.OptionalLong.of(secret));

        assertThat(fingerprint).hasSize(16).doesNotContain(Long.toHexString(secret)).doesNotContain(Long.toString(secret));
        assertThat(PrivateSeed.fingerprint(java.util.OptionalLong.empty())).isEqualTo("none");
    }
}
