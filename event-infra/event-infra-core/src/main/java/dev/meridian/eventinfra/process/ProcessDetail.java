package dev.meridian.eventinfra.process;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A process with its steps.
 *
 * @param process the process
 * @param steps   what each module did, in order
 */
@API(status = API.Status.EXPERIMENTAL)
public record ProcessDetail(ProcessSummary process, List<ProcessStep> steps) {

    public ProcessDetail {
        steps = List.copyOf(steps);
    }
}
