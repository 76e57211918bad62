package dev.meridian.eventinfra.web;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apiguardian.api.API;

/**
 * The answers the server gives before any module's code runs, as problem+json too (API.md):
 * <ul>
 *   <li>as every module's default error page (web.xml), for what the server answers before the module's code
 *       runs: MicroProfile JWT refuses an expired, forged or unsigned bearer token in the server's security layer,
 *       RESTEasy refuses a path it cannot decode, the console lacks a file; the server's own error page is HTML;</li>
 *   <li>as the default servlet and error page of the root web module ({@code event-infra-root}): a path under no
 *       module is a 404.</li>
 * </ul>
 */
@API(status = API.Status.STABLE)
public class ProblemErrorPage extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ProblemErrorPage.class.getName());
    private static final Jsonb JSON = JsonbBuilder.create();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object errorStatus = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = errorStatus instanceof Integer error ? error : Response.Status.NOT_FOUND.getStatusCode();
        Response.Status known = Response.Status.fromStatusCode(code);
        String title = known == null ? "Error " + code : known.getReasonPhrase();
        Problem problem = new Problem("about:blank", title, code, switch (code) {
            case 401 -> "A valid bearer token is required";
            case 404 -> "There is nothing at this path";
            default -> title;
        }, List.of());
        if (code >= Response.Status.INTERNAL_SERVER_ERROR.getStatusCode()) {
            // the answer names nothing of the cause, so the server's log must: with the id the client was given
            Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            LOG.log(Level.SEVERE, failure instanceof Throwable thrown ? thrown : null, () -> "Answered " + code + " to "
                    + request.getMethod() + " " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)
                    + " (correlation id " + response.getHeader(CorrelationIds.HEADER) + "): "
                    + request.getAttribute(RequestDispatcher.ERROR_MESSAGE));
        }
        response.setStatus(problem.status());
        // JSON is UTF-8 by definition (RFC 8259), so no charset parameter, as in every other problem answer
        response.setContentType(Problem.MEDIA_TYPE);
        response.getOutputStream().write(JSON.toJson(problem).getBytes(StandardCharsets.UTF_8));
    }
}
