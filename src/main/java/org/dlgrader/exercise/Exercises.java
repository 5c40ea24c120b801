package org.dlgrader.exercise;

import static org.dlgrader.i18n.Messages.tr;

import java.util.List;
import java.util.stream.Collectors;
import org.dlgrader.exercise.linear.LinearTask;
import org.dlgrader.exercise.square.SquareTask;
import org.dlgrader.model.DenseNetwork;

/** Every exercise of the lesson, in the lesson's order. A new exercise is one more line here. */
public final class Exercises {

    private static final FashionTask FASHION = new FashionTask();

    public static final Exercise LINEAR = new Exercise("linear", "linear regression y = 5x + 7 with nn.Linear(1, 1)",
            new LinearTask(), new DenseNetwork(List.of(1, 1), false));
    public static final Exercise FASHION_MLP = new Exercise("fashion-mlp",
            "PyTorch quickstart MLP 784-512-512-10 on FashionMNIST", FASHION, new DenseNetwork(List.of(784, 512, 512, 10), true));
    public static final Exercise FASHION_KERAS = new Exercise("fashion-keras",
            "Keras tutorial: Flatten, Dense(128, relu), Dense(10) on FashionMNIST", FASHION, new DenseNetwork(List.of(784, 128, 10), true));
    public static final Exercise SQUARE = new Exercise("square", "homework: an MLP for y = x1² + x2² on [-1, 1]²",
            new SquareTask(), new DenseNetwork(List.of(2, 64, 64, 1), false));

    /**
     * The free exercise: any model (a PyTorch-site example), fed random input of the shape it runs on.
     * No network of its own (null): a DJL .params file, which needs one, is refused for it.
     */
    public static final Exercise PYTORCH_EXAMPLE = new Exercise("pytorch-example",
            "any PyTorch example model: loads, runs on its input shape, finite outputs", new org.dlgrader.exercise.example.ExampleTask(),
            null);

    private Exercises() {
    }

    public static List<Exercise> all() {
        return List.of(LINEAR, FASHION_MLP, FASHION_KERAS, SQUARE, PYTORCH_EXAMPLE);
    }

    public static Exercise byId(String id) {
        return all().stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(tr("exercise.unknown", id,
                        all().stream().map(Exercise::id).collect(Collectors.joining(", ")))));
    }
}
