package org.dlgrader.intake;

/** A submission (or one email) that is not taken at all; the message tells the teacher why. */
final class Refused extends Exception {

    Refused(String message) {
        super(message);
    }
}
