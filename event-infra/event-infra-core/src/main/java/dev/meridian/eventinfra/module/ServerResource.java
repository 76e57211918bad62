package dev.meridian.eventinfra.module;

import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Injects one of the application server's resources ({@code UserTransaction},
 * {@code TransactionSynchronizationRegistry}, the default {@code ManagedThreadFactory} and
 * {@code ManagedExecutorService}) as {@link ServerResources} looks it up, by the JNDI name configuration gives. A
 * qualifier, because servers offer some of these types as built-in beans of their own (every Jakarta EE server the
 * {@code UserTransaction}, Jakarta EE 11 servers the concurrency defaults), and an unqualified producer would make
 * their injection ambiguous.
 */
@API(status = API.Status.STABLE)
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface ServerResource {
}
