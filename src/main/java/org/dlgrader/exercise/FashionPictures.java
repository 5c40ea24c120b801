package org.dlgrader.exercise;

import static org.dlgrader.i18n.Messages.tr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dlgrader.data.FashionMnist;
import org.dlgrader.io.AtomicFiles;
import org.dlgrader.plot.Charts;
import org.dlgrader.plot.ImageGrids;
import org.dlgrader.plot.Png;
import org.dlgrader.train.Classification;

/** The pictures both FashionMNIST references draw, as the lesson's code draws them. */
public final class FashionPictures {

    private FashionPictures() {
    }

    public static void write(Path folder, String title, FashionMnist train, FashionMnist test, Classification result,
            List<Double> losses) throws IOException {
        List<String> names = FashionTask.shownClassNames();
        Png.write(ImageGrids.labelledImages(train.pixels(), train.labels(), names, 5, 5),
                folder.resolve("train-images.png"));
        AtomicFiles.write(folder.resolve("predictions.svg"), ImageGrids.predictions(test.pixels(), test.labels(),
                result.probabilities(), result.classes(), names, 5, 3));
        Png.write(Charts.loss(tr("exercise.fashion.reference.lossChart", title), losses), 800, 480, folder.resolve("loss.png"));
        Png.write(Charts.activations(), 800, 480, folder.resolve("activations.png"));
    }
}
