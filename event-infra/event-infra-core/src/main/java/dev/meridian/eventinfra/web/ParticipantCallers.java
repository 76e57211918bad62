package dev.meridian.eventinfra.web;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Keeps a module's LRA participant endpoints ({@code /participants/*} in its web.xml) to the callers that have
 * business there: the LRA coordinator, which calls back to complete or compensate, and the initiating module, which
 * asks the participant to take its step. Both run in this server and call over the loopback interface, so anything
 * else is refused with 403 before the request reaches JAX-RS (and before the LRA filter could join or cancel
 * anything). {@code meridian.lra.participant-callers} adds addresses (comma-separated), for a coordinator on
 * another host. A reverse proxy in front of Meridian must not forward {@code /api/*}{@code /participants/} paths;
 * with proxy address forwarding off (WildFly's default), a forwarded request shows the proxy's own address anyway.
 */
public class ParticipantCallers implements Filter {

    private static final Logger LOG = Logger.getLogger(ParticipantCallers.class.getName());
    private static final Jsonb JSON = JsonbBuilder.create();

    private final Set<InetAddress> allowed = new HashSet<>();

    @Override
    public void init(FilterConfig filter) {
        Config config = ConfigProvider.getConfig(filter.getServletContext().getClassLoader());
        config.getOptionalValue("meridian.lra.participant-callers", String[].class).ifPresent(addresses -> {
            for (String address : addresses) {
                allow(address.strip());
            }
        });
        config.getOptionalValue("meridian.lra.coordinator.url", URI.class).map(URI::getHost).ifPresent(this::allow);
    }

    /** Lets {@code address} (a host name or an IP address) call too. */
    void allow(String address) {
        allowed.add(resolved(address));
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        InetAddress caller = resolved(request.getRemoteAddr());
        if (allows(caller)) {
            chain.doFilter(request, response);
            return;
        }
        LOG.warning(() -> "Refused a participant call from " + caller.getHostAddress());
        Problem problem = Problem.of(Response.Status.FORBIDDEN,
                "Participant endpoints answer only the LRA coordinator and the modules of this server");
        HttpServletResponse http = (HttpServletResponse) response;
        http.setStatus(problem.status());
        http.setContentType(Problem.MEDIA_TYPE);
        http.getOutputStream().write(JSON.toJson(problem).getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code caller} may call participant endpoints: a loopback address or one configured. */
    boolean allows(InetAddress caller) {
        return caller.isLoopbackAddress() || allowed.contains(caller);
    }

    private static InetAddress resolved(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Not an address: " + address, e);
        }
    }
}
