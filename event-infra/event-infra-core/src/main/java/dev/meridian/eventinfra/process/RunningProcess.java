package dev.meridian.eventinfra.process;

import jakarta.ws.rs.client.Entity;
import java.net.URI;
import java.util.UUID;
import org.apiguardian.api.API;

/** A process a module began with {@link ProcessInitiator}, until it closes or cancels it. */
@API(status = API.Status.EXPERIMENTAL)
public final class RunningProcess {

    private final URI lraId;
    private final UUID id;
    private final LraCoordinator coordinator;
    private final ProcessLog processLog;

    RunningProcess(URI lraId, UUID id, LraCoordinator coordinator, ProcessLog processLog) {
        this.lraId = lraId;
        this.id = id;
        this.coordinator = coordinator;
        this.processLog = processLog;
    }

    /** The LRA's id, which the process log and every participant know the process by. */
    public String lraId() {
        return lraId.toString();
    }

    /** The process' id in the process log. */
    public UUID id() {
        return id;
    }

    /**
     * Asks {@code module}'s participant at {@code path} to take its step.
     *
     * @throws StepFailedException when it refused, failed or did not answer in time
     */
    public void takeStep(String path, Entity<?> request, String module) {
        coordinator.takeStep(lraId, path, request, module);
    }

    /**
     * Closes the process: the coordinator completes every participant, and the initiating module's own participant
     * ends the process in the log.
     *
     * @throws StepFailedException when the coordinator did not close it
     */
    public void close() {
        coordinator.close(lraId);
    }

    /**
     * Cancels the process because of {@code failure}: records it as {@code module}'s failed step, ends the process
     * in the log as cancelled, and has the coordinator compensate every step taken (or its time limit, if the
     * coordinator cannot be reached now).
     */
    public void cancel(String module, RuntimeException failure) {
        processLog.record(lraId(), module, "failed", failure.getMessage());
        processLog.end(lraId(), "CANCELLED", failure.getMessage());
        coordinator.cancelQuietly(lraId);
    }
}
