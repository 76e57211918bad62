package dev.meridian.notification.web;

import dev.meridian.eventinfra.web.StrictJsonBinding;
import jakarta.ws.rs.ext.Provider;

/** Request bodies of the notification API with no fields beyond the documented ones. */
@Provider
public class NotificationJsonBinding extends StrictJsonBinding {
}
