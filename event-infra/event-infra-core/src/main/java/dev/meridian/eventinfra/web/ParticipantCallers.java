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
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;
import org.apiguardian.api.API;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Keeps a module's LRA participant endpoints ({@code /participants/*} in its web.xml) to the internal listener
 * (README.md, "Two doors"): the LRA coordinator calls back there to complete or compensate, and the initiating
 * module asks the participant there to take its step. A request that arrived on any other port is refused with 404,
 * as if the path did not exist, before it reaches JAX-RS (and before the LRA filter could join or cancel anything).
 *
 * <p>The server's own filter ({@code internal-paths} in the server configuration) refuses these paths on the public
 * listener already, by the connection's own port; this is the second lock. It decides by the port the request
 * arrived on as the Servlet API tells it ({@link ServletRequest#getLocalPort()}), never by the remote address,
 * {@code X-Forwarded-For} or {@code Host}, which a client chooses. Undertow derives that port from the connection
 * unless {@code io.undertow.forwarded.change-local-addr-port} lets forwarded headers rewrite it; Meridian does not
 * set it.
 */
@API(status = API.Status.STABLE)
public class ParticipantCallers implements Filter {

    private static final Logger LOG = Logger.getLogger(ParticipantCallers.class.getName());
    private static final Jsonb JSON = JsonbBuilder.create();
    private static final int DEFAULT_INTERNAL_PORT = 8090;

    private int internalPort;

    @Override
    public void init(FilterConfig filter) {
        internalPort = ConfigProvider.getConfig(filter.getServletContext().getClassLoader())
                .getOptionalValue("meridian.internal.port", Integer.class).orElse(DEFAULT_INTERNAL_PORT);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getLocalPort() == internalPort) {
            chain.doFilter(request, response);
            return;
        }
        LOG.warning(() -> "Refused a participant call that arrived on port " + request.getLocalPort()
                + ", not on the internal listener's " + internalPort);
        Problem problem = Problem.of(Response.Status.NOT_FOUND, "No such resource");
        HttpServletResponse http = (HttpServletResponse) response;
        http.setStatus(problem.status());
        http.setContentType(Problem.MEDIA_TYPE);
        http.getOutputStream().write(JSON.toJson(problem).getBytes(StandardCharsets.UTF_8));
    }
}
