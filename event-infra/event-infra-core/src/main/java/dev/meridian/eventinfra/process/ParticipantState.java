package dev.meridian.eventinfra.process;

import org.apiguardian.api.API;

/** Where a module's part in a process stands. */
@API(status = API.Status.EXPERIMENTAL)
public enum ParticipantState {
    /** The module took its step; the process has not ended. */
    ACTIVE("Active"),
    /** The process closed and the module finished its part. */
    COMPLETED("Completed"),
    /** The process was cancelled and the module undid its step (or never took it). */
    COMPENSATED("Compensated");

    private final String participantStatus;

    ParticipantState(String participantStatus) {
        this.participantStatus = participantStatus;
    }

    /**
     * The name of the MicroProfile LRA {@code ParticipantStatus} a {@code @Status} method answers with; by name,
     * because the EAR's shared jars cannot see the LRA API, which the server gives only to participating WARs.
     */
    public String participantStatus() {
        return participantStatus;
    }
}
