package dev.meridian.notification.web;

import dev.meridian.eventinfra.web.ApiProblems;
import jakarta.ws.rs.ext.Provider;

/** Every failure of the notification API as problem+json; unexpected ones are logged, never shown. */
@Provider
public class NotificationProblems extends ApiProblems {

    public NotificationProblems() {
        super("The notification API");
    }
}
