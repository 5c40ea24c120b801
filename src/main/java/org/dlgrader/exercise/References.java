package org.dlgrader.exercise;

import static org.dlgrader.i18n.Messages.tr;

import java.util.List;
import java.util.stream.Collectors;
import org.dlgrader.exercise.fashionkeras.FashionKerasReference;
import org.dlgrader.exercise.fashionmlp.FashionMlpReference;
import org.dlgrader.exercise.linear.LinearReference;
import org.dlgrader.exercise.square.SquareReference;

/** Every exercise of the lesson, in the lesson's order. A new exercise is one more line here. */
public final class References {

    private References() {
    }

    public static List<Reference> all() {
        return List.of(new LinearReference(), new FashionMlpReference(), new FashionKerasReference(),
                new SquareReference());
    }

    public static Reference byId(String id) {
        return all().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(tr("exercise.unknown", id,
                        all().stream().map(Reference::id).collect(Collectors.joining(", ")))));
    }
}
