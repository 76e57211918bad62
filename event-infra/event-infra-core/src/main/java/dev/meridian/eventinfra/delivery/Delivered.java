package dev.meridian.eventinfra.delivery;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Marks an observer method as a handler of other modules' events, delivered from the broker:
 *
 * <pre>{@code
 * @ApplicationScoped
 * class AuthEventsListener {
 *     void on(@Observes @Delivered UserRegistered event) { ... }
 *     void on(@Observes @Delivered EventEnvelope<AccountDisabled> event) { ... } // with its metadata
 * }
 * }</pre>
 *
 * <p>The module whose WAR declares the method becomes a consumer: event-infra subscribes it (one durable shared
 * subscription per topic) to the topics of the modules whose events it observes, and calls its observers inside
 * a transaction that also records the event in the module's inbox. Observers see each event once, each stream's
 * events in order, and the newest version of every event (older ones are upcast first). An observer that throws
 * rolls the transaction back; the event is retried and finally parked as a dead letter. Events fired with
 * {@code Event.fire} never reach these observers: only delivery calls them.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.TYPE})
@API(status = API.Status.STABLE)
public @interface Delivered {

    /** The qualifier as a value. */
    final class Literal extends AnnotationLiteral<Delivered> implements Delivered {
        private static final long serialVersionUID = 1L;

        /** The one instance. */
        public static final Literal INSTANCE = new Literal();
    }
}
