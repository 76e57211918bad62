package dev.meridian.eventinfra.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.apiguardian.api.API;

/**
 * How a module runs a process it initiates, the same way for every process: {@link #begin} it (an LRA at the
 * coordinator with a time limit, and the process in the log), take each participant's step, then close it; when
 * anything fails on the way, cancel it, and the coordinator compensates every step taken:
 *
 * <pre>{@code
 * RunningProcess process = initiator.begin(TYPE, subjectId, TIME_LIMIT);
 * try {
 *     process.takeStep(SomeRequest.PATH, Entity.json(request), "notification");
 *     process.close();
 * } catch (RuntimeException e) {
 *     process.cancel(MODULE, e);
 *     throw e;
 * }
 * }</pre>
 */
@ApplicationScoped
@API(status = API.Status.EXPERIMENTAL)
public class ProcessInitiator {

    @Inject
    LraCoordinator coordinator;

    @Inject
    ProcessLog processLog;

    /**
     * Begins a process of {@code type} about {@code subjectId}, which the coordinator cancels when it is still open
     * after {@code timeLimit}.
     *
     * @throws StepFailedException when the coordinator did not start it; nothing was begun
     */
    public RunningProcess begin(String type, UUID subjectId, Duration timeLimit) {
        URI lraId = coordinator.start(type, timeLimit);
        UUID id = processLog.begin(lraId.toString(), type, subjectId);
        return new RunningProcess(lraId, id, coordinator, processLog);
    }
}
