package dev.meridian.payara;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The paths only the internal listener serves: the LRA coordinator, the modules' participant callbacks and the
 * metrics. WildFly keeps the first two from the public listener with an Undertow filter in its configuration
 * ({@code common.cli}, {@code internal-paths}) and serves metrics on its management port; Payara has no such filter,
 * so every web module of the Payara EAR (the coordinator's included) and a module WAR on Payara Micro gets this one,
 * with the same rule: a request for one of these paths, or for the metrics servlet in whichever module serves them,
 * that did not arrive on the internal port gets a 404 problem, as if the path did not exist.
 *
 * <p>The port is that of the socket the request arrived on ({@link HttpServletRequest#getLocalPort()}); nothing a
 * client sends (a Host header, X-Forwarded-*) changes it. The path is the decoded, normalised one the container
 * dispatches on, so an encoded or dot-segment spelling of a path cannot get past.
 */
public class InternalDoor extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final Pattern INTERNAL_PATHS = Pattern.compile("^/(lra-coordinator|lra-participant-narayana-proxy)(/|$)"
            + "|^/api/[^/]+/(participants|lra-participant-proxy)(/|$)"
            + "|^" + PayaraWebModules.PROMETHEUS_PATH + "(/|$)");

    private final int internalPort;

    InternalDoor(int internalPort) {
        this.internalPort = internalPort;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getLocalPort() != internalPort && (INTERNAL_PATHS.matcher(dispatchedPath(request)).find()
                || PayaraWebModules.PROMETHEUS_PATH.equals(request.getServletPath()))) {
            // answered by the module's error page (event-infra-core's ProblemErrorPage), as any path it lacks
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        chain.doFilter(request, response);
    }

    private static String dispatchedPath(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return request.getContextPath() + request.getServletPath() + (pathInfo == null ? "" : pathInfo);
    }
}
