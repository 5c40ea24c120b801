package org.dlgrader.intake;

import static org.dlgrader.i18n.Messages.tr;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the name a sender wrote for an attachment can be a file name in the student's folder.
 * The name is the sender's text (RFC 2231 lets it hold a NUL as {@code %00}, or a whole path), so
 * anything but one plain file name is refused, never cut down to one: {@code ../x.pth} and
 * {@code x%00.pth} are not {@code x.pth}.
 */
final class AttachmentName {

    /** Most file systems' limit for one name, in bytes. */
    private static final int MAX_BYTES = 255;

    private AttachmentName() {
    }

    /**
     * Why {@code name} cannot be a file name, in words for a teacher; empty when it can. ("%00" is an
     * argument, not part of the text: a text without arguments is not a format pattern.)
     */
    static Optional<String> problem(String name) {
        if (name.indexOf('\0') >= 0) {
            return Optional.of(tr("intake.attachmentName.nul", "%00"));
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return Optional.of(tr("intake.attachmentName.control"));
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return Optional.of(tr("intake.attachmentName.slash"));
        }
        if (name.indexOf(':') >= 0) {
            return Optional.of(tr("intake.attachmentName.colon"));
        }
        if (name.startsWith(".")) {
            return Optional.of(tr("intake.attachmentName.dot"));
        }
        if (name.isBlank()) {
            return Optional.of(tr("intake.attachmentName.empty"));
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of(tr("intake.attachmentName.tooLong", MAX_BYTES));
        }
        try {
            Path path = Path.of(name);
            if (path.isAbsolute() || path.getNameCount() != 1) {
                return Optional.of(tr("intake.attachmentName.path"));
            }
        } catch (InvalidPathException e) {
            return Optional.of(tr("intake.attachmentName.invalid", e.getReason()));
        }
        return Optional.empty();
    }

    /**
     * {@code text} as a log line can show it: control and invisible formatting characters (a NUL,
     * a line break, a right-to-left override that would show "fdp.exe" as "exe.pdf") as
     * {@code \}{@code uXXXX}, everything else as it was written.
     */
    static String forLog(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                out.append(String.format(Locale.ROOT, "\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
