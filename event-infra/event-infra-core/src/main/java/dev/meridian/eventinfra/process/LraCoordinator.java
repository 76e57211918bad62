package dev.meridian.eventinfra.process;

import static org.eclipse.microprofile.lra.annotation.ws.rs.LRA.LRA_HTTP_CONTEXT_HEADER;

import dev.meridian.eventinfra.store.RequestCorrelation;
import dev.meridian.eventinfra.web.CorrelationIds;
import dev.meridian.eventinfra.web.Problem;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.apiguardian.api.API;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What a module running a process asks of the LRA coordinator and of the participants: start an LRA with a time
 * limit, take a participant's step, close or cancel. Every call waits at most
 * {@code meridian.process.step-timeout} (five seconds by default); a participant that does not answer in that
 * time fails its step.
 *
 * <p>A module's participants are called on the internal listener of the server that runs the module, never at the
 * address the client used: that may be a proxy, and only the internal listener serves {@code /participants/*}. By
 * default that is the server running the coordinator ({@code meridian.lra.coordinator.url}'s host and port); a module
 * extracted to a server of its own (Payara Micro, say) is named by {@code meridian.process.participants.<module>.url},
 * that server's internal listener. A participant joins the LRA with callback addresses built from the request that
 * reached it, so the coordinator calls it back on the internal listener too. Each step carries the current request's correlation id, so the participants' events carry it too.
 */
@ApplicationScoped
@API(status = API.Status.EXPERIMENTAL)
public class LraCoordinator {

    private static final Logger LOG = Logger.getLogger(LraCoordinator.class.getName());
    private static final int MAX_LOGGED_ANSWER = 1_000;
    private static final Set<String> HTTP_SCHEMES = Set.of("http", "https");

    private final Map<String, URI> participantServers = new ConcurrentHashMap<>();
    private Config config;
    private Client http;
    private URI coordinator;
    private URI server;

    @PostConstruct
    void open() {
        config = ConfigProvider.getConfig(LraCoordinator.class.getClassLoader());
        Duration stepTimeout = config.getOptionalValue("meridian.process.step-timeout", Duration.class)
                .orElse(Duration.ofSeconds(5));
        coordinator = URI.create(config.getOptionalValue("meridian.lra.coordinator.url", String.class)
                .orElse("http://127.0.0.1:8090/lra-coordinator/lra-coordinator"));
        server = coordinator.resolve("/");
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
     * Starts an LRA that the coordinator cancels when {@code timeLimit} has passed and it is still open; for a
     * process whose time limit is a setting, which {@code @LRA(timeLimit)} cannot read.
     *
     * @param clientId names the process at the coordinator, for its operators
     */
    public URI start(String clientId, Duration timeLimit) {
        try (Response started = http.target(coordinator).path("start")
                .queryParam("ClientID", clientId).queryParam("TimeLimit", timeLimit.toMillis())
                .request(MediaType.TEXT_PLAIN).post(Entity.text(""))) {
            if (started.getStatus() != Response.Status.CREATED.getStatusCode()) {
                throw new StepFailedException("The LRA coordinator did not start the process (HTTP "
                        + started.getStatus() + ")", null, null);
            }
            return URI.create(started.readEntity(String.class).strip());
        } catch (ProcessingException e) {
            throw new StepFailedException("The LRA coordinator did not answer", null, e);
        }
    }

    /**
     * Asks {@code module}'s participant at {@code path} to take its step in the LRA {@code lraId}.
     *
     * @throws StepFailedException when it refused, failed or did not answer in time
     */
    public void takeStep(URI lraId, String path, Entity<?> request, String module) {
        Response answer;
        try {
            answer = http.target(participantServer(module).resolve(path)).request()
                    .header(LRA_HTTP_CONTEXT_HEADER, lraId.toString())
                    .header(CorrelationIds.HEADER, RequestCorrelation.current().map(UUID::toString).orElse(null))
                    .put(request);
        } catch (ProcessingException e) {
            throw new StepFailedException("The " + module + " module did not answer in time", null, e);
        }
        try (answer) {
            if (answer.getStatusInfo().getFamily() == Response.Status.Family.SUCCESSFUL) {
                return;
            }
            Problem refusal = answer.getStatus() == Response.Status.BAD_REQUEST.getStatusCode()
                    && MediaType.valueOf(Problem.MEDIA_TYPE).isCompatible(answer.getMediaType())
                    ? answer.readEntity(Problem.class) : null;
            if (refusal == null) {
                // not the participant's own refusal (a filter in front of it, a failed join): only the server's log
                // gets what it said, since it may name internals
                String said = answer.hasEntity() ? answer.readEntity(String.class) : "";
                LOG.warning(() -> "The " + module + " module answered HTTP " + answer.getStatus() + " to its step in "
                        + lraId + ": " + said.substring(0, Math.min(said.length(), MAX_LOGGED_ANSWER)));
            }
            throw new StepFailedException("The " + module + " module could not take its step (HTTP "
                    + answer.getStatus() + ")", refusal, null);
        }
    }

    private URI participantServer(String module) {
        return participantServers.computeIfAbsent(module, name -> {
            String setting = "meridian.process.participants." + name + ".url";
            return config.getOptionalValue(setting, String.class).map(url -> serverAt(setting, url, name))
                    .orElse(server);
        });
    }

    /** The server whose internal listener {@code url} names, as the root the participants' paths resolve against. */
    static URI serverAt(String setting, String url, String module) {
        try {
            URI address = new URI(url.strip());
            if (address.getScheme() != null && HTTP_SCHEMES.contains(address.getScheme().toLowerCase(Locale.ROOT))
                    && address.getHost() != null) {
                return address.resolve("/");
            }
        } catch (URISyntaxException malformed) {
            // refused below, with the setting's name
        }
        // a setting wrong for one module fails that module's steps, each with its reason in the log
        LOG.severe(() -> setting + " must be an http or https address, not " + url);
        throw new StepFailedException("The " + module + " module's address is misconfigured", null, null);
    }

    /**
     * Closes the LRA {@code lraId}: the coordinator completes every participant.
     *
     * @throws StepFailedException when the coordinator did not close it
     */
    public void close(URI lraId) {
        end(lraId, "close");
    }

    /**
     * Cancels the LRA {@code lraId} (the coordinator compensates every participant), logging rather than failing
     * when the coordinator does not: its time limit cancels it anyway.
     */
    public void cancelQuietly(URI lraId) {
        try {
            end(lraId, "cancel");
        } catch (StepFailedException e) {
            LOG.warning(() -> "Could not cancel " + lraId + " (its time limit will): " + e.getMessage());
        }
    }

    private void end(URI lraId, String how) {
        try (Response ended = http.target(lraId.toString() + "/" + how).request().put(Entity.text(""))) {
            if (ended.getStatusInfo().getFamily() != Response.Status.Family.SUCCESSFUL) {
                throw new StepFailedException("The LRA coordinator did not " + how + " the process (HTTP "
                        + ended.getStatus() + ")", null, null);
            }
        } catch (ProcessingException e) {
            throw new StepFailedException("The LRA coordinator did not answer", null, e);
        }
    }
}
