package org.dlgrader.data;

/** A data set file is missing or damaged; the message names the file and says how to get a good one. */
public class DatasetException extends RuntimeException {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
