package org.dlgrader.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where the checksums a download is held to come from: the installed Debian files, with their
 * original gzip header put back, are byte for byte the files whose MD5 the Fashion-MNIST README
 * lists; their SHA-256 are the ones {@link OfficialFile} checks (and Keras pins for its mirror).
 */
class OfficialFilesTest {

    /** The "MD5 Checksum" column of zalandoresearch/fashion-mnist's README, "Get the Data". */
    private static final Map<OfficialFile, String> README_MD5 = Map.of(
            OfficialFile.TRAIN_IMAGES, "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
            OfficialFile.TRAIN_LABELS, "25c81989df183df01b3e8a0aad5dffbe",
            OfficialFile.TEST_IMAGES, "bef4ecab320f06d8554ea6380940ec79",
            OfficialFile.TEST_LABELS, "bb300cfdad3c16e7a12a480ee83cd310");

    @BeforeEach
    void installed() {
        RealFiles.assumeInstalled();
    }

    @Test
    void debiansFilesWithTheirHeaderRestoredAreTheOfficialOnes() throws Exception {
        for (OfficialFile file : OfficialFile.values()) {
            byte[] official = RealFiles.official(file);

            assertThat(hex("MD5", official)).as(file.fileName + " MD5 against the README").isEqualTo(README_MD5.get(file));
            assertThat(hex("SHA-256", official)).as(file.fileName + " SHA-256").isEqualTo(file.sha256);
            assertThat((long) official.length).as(file.fileName + " size").isEqualTo(file.size);
        }
    }

    /** Debian's copies hold the same data: they are found and read like the official files, only their bytes differ. */
    @Test
    void debiansFilesHoldTheSameDataUnderAnotherHeader() throws Exception {
        OfficialFile file = OfficialFile.TEST_LABELS;
        byte[] debian = Files.readAllBytes(RealFiles.debian(file));

        assertThat(hex("SHA-256", debian)).isNotEqualTo(file.sha256);
        assertThat(gunzip(debian)).isEqualTo(gunzip(RealFiles.official(file)));
    }

    private static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }
}
