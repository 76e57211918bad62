package dev.meridian.it.delivery;

import dev.meridian.eventinfra.web.ApiProblems;
import jakarta.ws.rs.ext.Provider;

/** The probe module answers failures as every module's API does. */
@Provider
public class ProbeProblems extends ApiProblems {

    public ProbeProblems() {
        super("The delivery probe");
    }
}
