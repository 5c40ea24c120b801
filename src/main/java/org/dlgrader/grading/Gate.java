package org.dlgrader.grading;

/**
 * What must hold before any check is scored, in order; each is shown as a line of its own with no
 * points: a file was handed in, it loads, its outputs have the exercise's shape, they are finite.
 */
public enum Gate {
    FILE("model file"),
    LOADS("model loads"),
    SHAPE("output shape"),
    FINITE("outputs finite");

    /** The gate's name on pages and in test names. */
    public final String title;

    Gate(String title) {
        this.title = title;
    }
}
