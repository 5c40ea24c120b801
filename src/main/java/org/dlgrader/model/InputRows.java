package org.dlgrader.model;

/**
 * Rows of inputs to feed a model: {@code count} examples of {@code features} floats, row-major,
 * named so that a worker process that keeps them can be told which to feed again.
 */
public record InputRows(String name, float[] rows, int count, int features) {

    public InputRows {
        if ((long) count * features != rows.length) {
            throw new IllegalArgumentException(name + ": " + rows.length + " values are not " + count + " rows of " + features);
        }
    }
}
