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

/**
 * The error page a module's web.xml maps 401 and 403 to, so that the answers the server gives before the module's
 * code runs are problem+json too (API.md): MicroProfile JWT refuses an expired, forged or unsigned bearer token in
 * the server's security layer, whose own error page is HTML.
 */
public class ProblemErrorPage extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Jsonb JSON = JsonbBuilder.create();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer integer ? integer : response.getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        Problem problem = status == Response.Status.UNAUTHORIZED.getStatusCode()
                ? Problem.of(Response.Status.UNAUTHORIZED, "A valid bearer token is required")
                : Problem.of(known == null ? Response.Status.BAD_REQUEST : known, "The request was refused");
        response.setStatus(status);
        // JSON is UTF-8 by definition (RFC 8259), so no charset parameter, as in every other problem answer
        response.setContentType(Problem.MEDIA_TYPE);
        response.getOutputStream().write(JSON.toJson(problem).getBytes(StandardCharsets.UTF_8));
    }
}
