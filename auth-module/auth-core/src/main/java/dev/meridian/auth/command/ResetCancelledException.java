package dev.meridian.auth.command;

/** The password-reset process was cancelled (it expired) before auth's step: no token is issued. */
public class ResetCancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ResetCancelledException(String lraId) {
        super("The password reset " + lraId + " was cancelled before its token was issued");
    }
}
