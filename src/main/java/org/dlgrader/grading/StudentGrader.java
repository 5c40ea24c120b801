package org.dlgrader.grading;

/** Grades one student, in this process or in a worker. */
public interface StudentGrader extends AutoCloseable {

    StudentResult grade(Submission submission);

    @Override
    default void close() {
    }
}
