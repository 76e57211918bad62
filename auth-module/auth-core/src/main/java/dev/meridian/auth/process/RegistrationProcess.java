package dev.meridian.auth.process;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import dev.meridian.analytics.api.SignUpRequest;
import dev.meridian.auth.command.EmailTakenException;
import dev.meridian.auth.command.RegisterUser;
import dev.meridian.auth.command.RegisterUserHandler;
import dev.meridian.auth.command.RegistrationCancelledException;
import dev.meridian.auth.messaging.AccountParticipant;
import dev.meridian.eventinfra.metrics.Meters;
import dev.meridian.eventinfra.process.ProcessLog;
import dev.meridian.eventinfra.store.RequestCorrelation;
import dev.meridian.eventinfra.web.CorrelationIds;
import dev.meridian.eventinfra.web.Problem;
import dev.meridian.notification.api.WelcomeMailRequest;
import dev.meridian.user.api.ProfileRequest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The registration process (DESIGN.md): the account is created pending (auth), the profile created (user), the
 * sign-up kept pending (analytics), the welcome mail held (notification), then the LRA is closed, whereupon the
 * coordinator completes every part: the account becomes active, the sign-up is counted and the welcome mail goes
 * out (never for a cancelled registration). A step that fails, answers with an error or does not answer
 * within {@code meridian.registration.step-timeout} (five seconds by default) fails the registration: the public
 * resource's answer then cancels the LRA and the coordinator compensates every step taken.
 *
 * <p>Each step is timed ({@code meridian.registration.step}, tagged {@code step}) and each outcome counted
 * ({@code meridian.registrations}, tagged {@code outcome}); the registration benchmark reads them to tell the
 * coordinator's share from the modules' work.
 *
 * <p>The participants run in the server that runs the coordinator, so they are called at the coordinator's
 * address ({@code meridian.lra.coordinator.url}), never at the address the person used: that may be a proxy, and
 * the coordinator must call every participant back where {@code /participants/*} accepts it.
 */
@ApplicationScoped
public class RegistrationProcess {

    /** The process type in the process log. */
    public static final String TYPE = "registration";

    @Inject
    RegisterUserHandler register;

    @Inject
    ProcessLog processLog;

    @Inject
    MeterRegistry meterRegistry;

    private Meters meters;

    private Client http;
    private URI server;

    @PostConstruct
    void open() {
        meters = new Meters(meterRegistry);
        Config config = ConfigProvider.getConfig(RegistrationProcess.class.getClassLoader());
        Duration stepTimeout = config.getOptionalValue("meridian.registration.step-timeout", Duration.class)
                .orElse(Duration.ofSeconds(5));
        server = URI.create(config.getOptionalValue("meridian.lra.coordinator.url", String.class)
                .orElse("http://localhost:8080/lra-coordinator/lra-coordinator")).resolve("/");
        http = ClientBuilder.newBuilder()
                .connectTimeout(stepTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(stepTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .build();
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /**
     * Registers {@code registration} under the LRA {@code lraId}, closing it when every step was taken.
     *
     * @return the new account's user id
     * @throws RegistrationFailedException when a step failed; the caller's answer must cancel the LRA
     */
    public UUID run(URI lraId, Registration registration) {
        String lra = lraId.toString();
        UUID userId = UUID.randomUUID();
        processLog.begin(lra, TYPE, userId);
        try {
            timed("auth-join", () -> takeStep(lraId, AccountParticipant.PATH, Entity.text(""), "auth"));
            timed("account", () -> createAccount(lra, userId, registration));
            timed("profile", () -> takeStep(lraId, ProfileRequest.PATH, Entity.json(new ProfileRequest(userId,
                    registration.email(), registration.displayName(), registration.locale())), "user"));
            timed("sign-up", () -> takeStep(lraId, SignUpRequest.PATH, Entity.json(new SignUpRequest(userId)),
                    "analytics"));
            timed("welcome-mail", () -> takeStep(lraId, WelcomeMailRequest.PATH, Entity.json(new WelcomeMailRequest(
                    userId, registration.email(), registration.displayName(), registration.locale())),
                    "notification"));
            timed("close", () -> closeLra(lraId));
            meters.counter("meridian.registrations", "outcome", "closed").increment();
            return userId;
        } catch (RegistrationFailedException e) {
            meters.counter("meridian.registrations", "outcome", "cancelled").increment();
            processLog.record(lra, RegisterUserHandler.MODULE, "failed", e.getMessage());
            processLog.end(lra, "CANCELLED", e.getMessage());
            throw e;
        }
    }

    /** Runs one step, timed as {@code meridian.registration.step} tagged with it, failed or not. */
    private void timed(String step, Runnable work) {
        meters.timer("meridian.registration.step", "step", step).record(work);
    }

    private void createAccount(String lra, UUID userId, Registration registration) {
        try {
            register.handle(new RegisterUser(lra, userId, registration.email(), registration.password()));
        } catch (EmailTakenException e) {
            throw new RegistrationFailedException(Problem.of(Response.Status.CONFLICT, e.getMessage()), e);
        } catch (RegistrationCancelledException e) {
            throw new RegistrationFailedException(Problem.of(Response.Status.SERVICE_UNAVAILABLE,
                    "The registration took too long and was cancelled; nothing was kept"), e);
        } catch (IllegalArgumentException e) {
            throw new RegistrationFailedException(Problem.invalid(List.of(new Problem.Violation("email or password",
                    e.getMessage()))), e);
        }
    }

    private void takeStep(URI lraId, String path, Entity<?> request, String module) {
        Response answer;
        try {
            // the participants' events then carry the registration request's correlation id
            answer = http.target(server.resolve(path)).request()
                    .header(LRA_HTTP_CONTEXT_HEADER, lraId.toString())
                    .header(CorrelationIds.HEADER, RequestCorrelation.current().map(UUID::toString).orElse(null))
                    .put(request);
        } catch (ProcessingException e) {
            throw new RegistrationFailedException(Problem.of(Response.Status.SERVICE_UNAVAILABLE, "The " + module
                    + " module did not answer in time; the registration was cancelled and nothing was kept"), e);
        }
        try (answer) {
            if (answer.getStatusInfo().getFamily() == Response.Status.Family.SUCCESSFUL) {
                return;
            }
            if (answer.getStatus() == Response.Status.BAD_REQUEST.getStatusCode()
                    && MediaType.valueOf(Problem.MEDIA_TYPE).isCompatible(answer.getMediaType())) {
                throw new RegistrationFailedException(answer.readEntity(Problem.class));
            }
            throw new RegistrationFailedException(Problem.of(Response.Status.SERVICE_UNAVAILABLE, "The " + module
                    + " module could not take its step (HTTP " + answer.getStatus()
                    + "); the registration was cancelled and nothing was kept"));
        }
    }

    private void closeLra(URI lraId) {
        try (Response closed = http.target(lraId.toString() + "/close").request().put(Entity.text(""))) {
            if (closed.getStatusInfo().getFamily() != Response.Status.Family.SUCCESSFUL) {
                throw new RegistrationFailedException(Problem.of(Response.Status.SERVICE_UNAVAILABLE,
                        "The registration could not be closed (HTTP " + closed.getStatus() + ")"));
            }
        } catch (ProcessingException e) {
            throw new RegistrationFailedException(Problem.of(Response.Status.SERVICE_UNAVAILABLE,
                    "The LRA coordinator did not answer; the registration was cancelled"), e);
        }
    }
}
