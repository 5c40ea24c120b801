package org.dlgrader.grading;

import static org.dlgrader.i18n.Messages.tr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.OptionalLong;

/**
 * The teacher's secret behind the private check: any text, from the file {@code -Dgrader.privateSeedFile}
 * names or the environment variable {@code GRADER_PRIVATE_SEED}, never from the repository, which
 * students can read. The perturbed test set is drawn from it, so it must not be guessable; the
 * workers never receive it (the sandbox clears the environment).
 */
public final class PrivateSeed {

    public static final String VARIABLE = "GRADER_PRIVATE_SEED";
    public static final String PROPERTY = "grader.privateSeedFile";

    private PrivateSeed() {
    }

    /**
     * The configured secret as a number, or empty when none is configured.
     *
     * @throws GraderError naming the file when {@code -Dgrader.privateSeedFile} names one that cannot be read or is empty
     */
    public static OptionalLong configured() {
        String file = System.getProperty(PROPERTY);
        if (file != null && !file.isBlank()) {
            String text;
            try {
                text = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            } catch (IOException | RuntimeException e) {
                throw new GraderError(tr("grading.privateSeed.unreadable", file, e.getMessage()));
            }
            if (text.isEmpty()) {
                throw new GraderError(tr("grading.privateSeed.empty", file));
            }
            return OptionalLong.of(of(text));
        }
        String variable = System.getenv(VARIABLE);
        return variable == null || variable.isBlank() ? OptionalLong.empty() : OptionalLong.of(of(variable.strip()));
    }

    /** A text's number: SHA-256, so that a phrase serves as well as digits. */
    static long of(String text) {
        return ByteBuffer.wrap(sha256(text.getBytes(StandardCharsets.UTF_8))).getLong();
    }

    /** What a cache key may hold of the secret: a digest of it, which does not give it away. */
    static String fingerprint(OptionalLong seed) {
        if (seed.isEmpty()) {
            return "none";
        }
        byte[] digest = sha256(ByteBuffer.allocate(16).putLong(0x5eed_0f_c0ffeeL).putLong(seed.getAsLong()).array());
        return java.util.HexFormat.of().formatHex(digest, 0, 8);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
