package org.dlgrader.grading;

import static org.dlgrader.i18n.Messages.tr;

import java.util.Arrays;
import java.util.List;
import org.dlgrader.i18n.Language;
import org.dlgrader.i18n.Messages;

/**
 * What must hold before any check is scored, in order; each is shown as a line of its own with no
 * points: a file was handed in, it loads, its outputs have the exercise's shape, they are finite.
 * A gate is known by its constant; its title is only what a page shows, in the run's language.
 */
public enum Gate {
    FILE("grading.gate.file"),
    LOADS("grading.gate.loads"),
    SHAPE("grading.gate.shape"),
    FINITE("grading.gate.finite");

    private final String key;

    Gate(String key) {
        this.key = key;
    }

    /** The gate's name on pages and in test names, in the run's language: "model file". */
    public String title() {
        return tr(key);
    }

    /** The gate's name in every language the grader speaks: a check may be named none of them. */
    public List<String> titles() {
        return Arrays.stream(Language.values()).map(language -> Messages.in(language, key)).toList();
    }
}
