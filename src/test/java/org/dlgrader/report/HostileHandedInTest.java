package org.dlgrader.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dlgrader.grading.HandedInLimits;
import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.Messages;
import org.dlgrader.i18n.RestoresLanguage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Handed-in files are shown by the grading process itself, which has no sandbox's memory limit:
 * what the worst file a student can hand in costs there, printed (heap peak, seconds). Made by
 * python/make_red_team.py, or here by hand.
 */
@ExtendWith(RestoresLanguage.class)
class HostileHandedInTest {

    private static final Path RED = Path.of("src", "test", "resources", "fixtures", "red");

    private static <T> T measured(String what, Callable<T> work) throws Exception {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        try {
            return work.call();
        } finally {
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.printf("%s: peak heap %d MB, %.2f s%n", what, peak >> 20, (System.nanoTime() - start) / 1e9);
        }
    }

    /** 6000 x 6000, just under the cap of 40 M pixels: decoded a third on each side, never whole. */
    @Test
    void aPictureJustUnderThePixelCapIsShownScaledDown() throws Exception {
        byte[] bytes = Files.readAllBytes(RED.resolve("36-megapixels.png"));

        SafeImages.Picture picture = measured("36-megapixel PNG of " + bytes.length + " bytes", () -> SafeImages.picture(bytes));

        assertThat(picture.width()).isEqualTo(6000);
        assertThat(picture.full().length).isLessThan(1 << 20);
    }

    private static Map<String, Object> notebook(byte[] bytes) {
        return Notebooks.view("hostile.ipynb", bytes, (name, picture) -> null, HandedInLimits.DEFAULTS);
    }

    @Test
    void aNotebookNested100000DeepIsNotANotebook() throws Exception {
        Messages.use(Language.EN);
        byte[] deep = ("{\"cells\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}").getBytes(StandardCharsets.UTF_8);

        Map<String, Object> view = measured("notebook nested 100,000 deep", () -> notebook(deep));

        assertThat(view.get("cells")).asList().isEmpty();
        assertThat(view.get("notes")).asList().containsExactly(Messages.tr("report.handedIn.notANotebook"));
    }

    /** One output line of 4.9 MB, just under the notebook file limit: cut to the cell's limit. */
    @Test
    void aNotebookOutputOfOneHugeLineIsCut() throws Exception {
        Messages.use(Language.EN);
        String line = "\u001B[31m" + "x".repeat(4_900_000);
        byte[] bytes = ("{\"cells\": [{\"cell_type\": \"code\", \"source\": \"print()\", \"outputs\": [{\"output_type\": \"stream\", "
                + "\"name\": \"stdout\", \"text\": \"" + "\\u001b[31m" + "x".repeat(4_900_000) + "\"}]}]}").getBytes(StandardCharsets.UTF_8);

        Map<String, Object> view = measured("notebook with a 4.9 MB line", () -> notebook(bytes));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cells = (List<Map<String, Object>>) view.get("cells");
        @SuppressWarnings("unchecked")
        String text = (String) ((List<Map<String, Object>>) cells.get(0).get("outputs")).get(0).get("text");
        assertThat(text).hasSizeLessThan(HandedInLimits.DEFAULTS.maxCellChars() + 200).doesNotContain("\u001B");
        assertThat(line).hasSizeGreaterThan(text.length());
    }

    /** A name that reverses what follows it ("shot\u202Egnp.exe" shows as "shotexe.png") is shown with the override as "?". */
    @Test
    void aFileNameWithARightToLeftOverrideIsShownWithoutIt(@org.junit.jupiter.api.io.TempDir Path folder) throws Exception {
        Files.write(folder.resolve("shot\u202Egnp.py"), "print()\n".getBytes(StandardCharsets.UTF_8));

        HandedInFiles.Listing listing = HandedInFiles.in(folder);

        assertThat(listing.files()).extracting(HandedInFiles.Found::name).containsExactly("shot?gnp.py");
    }

    /** A progressive JPEG of 6000 x 6000 white pixels, its last scan repeated {@code repeats} times: a few bytes each. */
    static byte[] manyScans(int repeats) throws Exception {
        java.awt.image.BufferedImage white = new java.awt.image.BufferedImage(6000, 6000, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = white.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 6000, 6000);
        g.dispose();
        javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("jpeg").next();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (javax.imageio.stream.ImageOutputStream stream = javax.imageio.ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new javax.imageio.IIOImage(white, null, null), param);
        } finally {
            writer.dispose();
        }
        byte[] jpeg = out.toByteArray();
        int lastScan = -1;
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == 0xda) {
                lastScan = i;
            }
        }
        int end = jpeg.length - 2;
        java.io.ByteArrayOutputStream forged = new java.io.ByteArrayOutputStream();
        forged.write(jpeg, 0, end);
        for (int i = 0; i < repeats; i++) {
            forged.write(jpeg, lastScan, end - lastScan);
        }
        forged.write(jpeg, end, 2);
        return forged.toByteArray();
    }

    @Test
    void aJpegOfThousandsOfScansIsRefusedUndecoded() throws Exception {
        Messages.use(Language.EN);
        byte[] bytes = manyScans(2000);

        SafeImages.NotShown refused = measured("progressive 6000 x 6000 JPEG of " + bytes.length + " bytes, 2000 extra scans", () -> {
            try {
                SafeImages.picture(bytes);
                return null;
            } catch (SafeImages.NotShown e) {
                return e;
            }
        });

        assertThat(refused).hasMessage(Messages.tr("report.handedIn.tooManyScans", 2000 + 10, SafeImages.MAX_SCANS));
    }
}
