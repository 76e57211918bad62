package dev.meridian.auth.process;

import dev.meridian.analytics.api.SignUpRequest;
import dev.meridian.auth.command.EmailTakenException;
import dev.meridian.auth.command.RegisterUser;
import dev.meridian.auth.command.RegisterUserHandler;
import dev.meridian.auth.command.RegistrationCancelledException;
import dev.meridian.auth.messaging.AccountParticipant;
import dev.meridian.eventinfra.metrics.Meters;
import dev.meridian.eventinfra.process.ProcessInitiator;
import dev.meridian.eventinfra.process.RunningProcess;
import dev.meridian.eventinfra.process.StepFailedException;
import dev.meridian.eventinfra.web.Problem;
import dev.meridian.notification.api.WelcomeMailRequest;
import dev.meridian.user.api.ProfileRequest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The registration process (DESIGN.md): the account is created pending (auth), the profile created (user), the
 * sign-up kept pending (analytics), the welcome mail held (notification), then the LRA is closed, whereupon the
 * coordinator completes every part: the account becomes active, the sign-up is counted and the welcome mail goes
 * out with the link that verifies the address (never for a cancelled registration). A step that fails, answers
 * with an error or does not answer within {@code meridian.process.step-timeout} (five seconds by default) fails the
 * registration: the public resource's answer then cancels the LRA and the coordinator compensates every step taken.
 *
 * <p>Each step is timed ({@code meridian.registration.step}, tagged {@code step}) and each outcome counted
 * ({@code meridian.registrations}, tagged {@code outcome}); the registration benchmark reads them to tell the
 * coordinator's share from the modules' work.
 */
@ApplicationScoped
public class RegistrationProcess {

    /** The process type in the process log. */
    public static final String TYPE = "registration";
    /** Longer than the registration process may take; the coordinator cancels it then. */
    private static final Duration TIME_LIMIT = Duration.ofSeconds(60);

    @Inject
    RegisterUserHandler register;

    @Inject
    EmailVerificationProcess verification;

    @Inject
    ProcessInitiator processes;

    @Inject
    MeterRegistry meterRegistry;

    private Meters meters;

    @PostConstruct
    void open() {
        meters = new Meters(meterRegistry);
    }

    /**
     * Registers {@code registration} under an LRA of its own, closed when every step was taken and cancelled (every
     * step taken compensated) when one failed.
     *
     * @return the new account's user id
     * @throws RegistrationFailedException when a step failed; the process was cancelled
     */
    public UUID run(Registration registration) {
        UUID userId = UUID.randomUUID();
        RunningProcess process;
        try {
            process = processes.begin(TYPE, userId, TIME_LIMIT);
        } catch (StepFailedException e) {
            throw cancelled(e);
        }
        try {
            timed("auth-join", () -> takeStep(process, AccountParticipant.PATH, Entity.text(""), "auth"));
            timed("account", () -> createAccount(process.lraId(), userId, registration));
            timed("profile", () -> takeStep(process, ProfileRequest.PATH, Entity.json(new ProfileRequest(userId,
                    registration.email(), registration.displayName(), registration.locale())), "user"));
            timed("sign-up", () -> takeStep(process, SignUpRequest.PATH, Entity.json(new SignUpRequest(userId)),
                    "analytics"));
            timed("welcome-mail", () -> {
                EmailVerificationProcess.Link verificationLink = verification.newLink(userId);
                takeStep(process, WelcomeMailRequest.PATH, Entity.json(new WelcomeMailRequest(userId,
                        registration.email(), registration.displayName(), registration.locale(),
                        verificationLink.url(), verificationLink.expiresAt())), "notification");
            });
            timed("close", () -> close(process));
            meters.counter("meridian.registrations", "outcome", "closed").increment();
            return userId;
        } catch (RuntimeException e) {
            meters.counter("meridian.registrations", "outcome", "cancelled").increment();
            process.cancel(RegisterUserHandler.MODULE, e);
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

    private static void takeStep(RunningProcess process, String path, Entity<?> request, String module) {
        try {
            process.takeStep(path, request, module);
        } catch (StepFailedException e) {
            throw cancelled(e);
        }
    }

    private static void close(RunningProcess process) {
        try {
            process.close();
        } catch (StepFailedException e) {
            throw cancelled(e);
        }
    }

    /** A participant's refusal of the person's input stays a 400; anything else is the server's failure. */
    private static RegistrationFailedException cancelled(StepFailedException failure) {
        return new RegistrationFailedException(failure.refusal().orElseGet(() -> Problem.of(
                Response.Status.SERVICE_UNAVAILABLE, failure.getMessage()
                        + "; the registration was cancelled and nothing was kept")), failure);
    }
}
