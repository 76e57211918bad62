package dev.meridian.eventinfra.process;

import java.util.List;

/**
 * A process with its steps.
 *
 * @param process the process
 * @param steps   what each module did, in order
 */
public record ProcessDetail(ProcessSummary process, List<ProcessStep> steps) {

    public ProcessDetail {
        steps = List.copyOf(steps);
    }
}
