package dev.meridian.user.web;

import dev.meridian.eventinfra.web.ApiProblems;
import jakarta.ws.rs.ext.Provider;

/** Every failure of the user API as problem+json; unexpected ones are logged, never shown. */
@Provider
public class UserProblems extends ApiProblems {

    public UserProblems() {
        super("The user API");
    }
}
