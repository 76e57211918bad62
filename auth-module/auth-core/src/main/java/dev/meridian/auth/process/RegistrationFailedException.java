package dev.meridian.auth.process;

import dev.meridian.eventinfra.web.Problem;

/**
 * A registration did not happen, and nothing of it was kept (its LRA is cancelled and every step compensated).
 * Carries the answer for the person registering.
 */
public class RegistrationFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public RegistrationFailedException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public RegistrationFailedException(Problem problem, Throwable cause) {
        super(problem.detail(), cause);
        this.problem = problem;
    }

    /** The answer. */
    public Problem problem() {
        return problem;
    }
}
