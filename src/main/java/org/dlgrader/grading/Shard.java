package org.dlgrader.grading;

import static org.dlgrader.i18n.Messages.tr;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * {@code -Dgrader.shard=K/N}: this runner grades the students whose id hashes to K of N. The
 * hash is of the id alone, so a student stays in the same shard however the class grows.
 */
public record Shard(int index, int count) {

    public static final Shard ALL = new Shard(1, 1);

    public static Shard parse(String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        String[] parts = text.trim().split("/");
        try {
            Shard shard = new Shard(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            if (parts.length == 2 && shard.count >= 1 && shard.index >= 1 && shard.index <= shard.count) {
                return shard;
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // reported below
        }
        throw new IllegalArgumentException(tr("grading.shard.wrong", text));
    }

    public boolean contains(String studentId) {
        CRC32 crc = new CRC32();
        crc.update(studentId.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % count == index - 1;
    }

    public List<Submission> of(List<Submission> students) {
        return students.stream().filter(s -> contains(s.studentId())).toList();
    }

    public boolean isAll() {
        return count == 1;
    }
}
