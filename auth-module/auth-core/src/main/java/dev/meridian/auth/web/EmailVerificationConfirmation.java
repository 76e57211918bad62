package dev.meridian.auth.web;

/**
 * The body of {@code POST /api/auth/email-verifications/confirmation}.
 *
 * @param token the token from the verification mail's link
 */
public record EmailVerificationConfirmation(String token) {

    @Override
    public String toString() {
        return "EmailVerificationConfirmation[token withheld]";
    }
}
