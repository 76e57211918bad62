package dev.meridian.eventinfra.admin;

/** A query parameter or body field the admin API cannot accept; answered 400 naming the field. */
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
