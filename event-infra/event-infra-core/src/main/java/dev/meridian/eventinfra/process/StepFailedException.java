package dev.meridian.eventinfra.process;

import dev.meridian.eventinfra.web.Problem;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A step of a process was not taken: a participant refused it, failed or did not answer, or the coordinator did
 * not do what it was asked. The process must then be cancelled.
 */
@API(status = API.Status.EXPERIMENTAL)
public class StepFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem refusal;

    StepFailedException(String message, Problem refusal, Throwable cause) {
        super(message, cause);
        this.refusal = refusal;
    }

    /** The participant's own 400 problem, when it refused the step's input; the caller's input was wrong then. */
    public Optional<Problem> refusal() {
        return Optional.ofNullable(refusal);
    }
}
