package dev.meridian.user.process;

/** A step of the erasure failed: the process was cancelled and everything is as it was. */
public class ErasureFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ErasureFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
