package dev.meridian.auth.domain;

import java.util.Locale;

/**
 * What a new password must be, at registration and at a reset: long rather than clever, as NIST SP 800-63B
 * advises (no composition rules), with an upper bound because hashing a megabyte of password on every sign-in
 * attempt would be a way to burn the server's CPU.
 */
public final class PasswordRules {

    /** Fewest characters (code points) a password may have. */
    public static final int MIN_LENGTH = 12;
    /** Most characters (code points) a password may have. */
    public static final int MAX_LENGTH = 128;

    private PasswordRules() {
    }

    /** Refuses {@code password} for the account with {@code email} when it breaks a rule. */
    public static void check(String password, EmailAddress email) {
        if (password == null) {
            throw new WeakPasswordException("A password is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw new WeakPasswordException("A password needs at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            throw new WeakPasswordException("A password has at most " + MAX_LENGTH + " characters");
        }
        if (password.isBlank()) {
            throw new WeakPasswordException("A password cannot be only spaces");
        }
        String lowerCase = password.strip().toLowerCase(Locale.ROOT);
        if (lowerCase.equals(email.value()) || lowerCase.equals(localPartOf(email))) {
            throw new WeakPasswordException("A password cannot be the email address");
        }
        if (lowerCase.codePoints().distinct().count() == 1) {
            throw new WeakPasswordException("A password cannot be one character repeated");
        }
    }

    private static String localPartOf(EmailAddress email) {
        return email.value().substring(0, email.value().lastIndexOf('@'));
    }
}
