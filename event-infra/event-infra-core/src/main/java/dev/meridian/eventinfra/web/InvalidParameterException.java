package dev.meridian.eventinfra.web;

import org.apiguardian.api.API;
/** A query parameter or body field an API cannot accept; {@link ApiProblems} answers it 400 naming the field. */
@API(status = API.Status.STABLE)
public class InvalidParameterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The offending parameter or field. */
    public String parameter() {
        return parameter;
    }
}
