package dev.meridian.eventinfra.web;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The error page a module's web.xml maps 401 to, so that the answer the server gives before the module's code runs
 * is problem+json too (API.md): MicroProfile JWT refuses an expired, forged or unsigned bearer token in the server's
 * security layer, whose own error page is HTML. (A 403 always comes from the module's own code.)
 */
public class ProblemErrorPage extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Jsonb JSON = JsonbBuilder.create();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Problem problem = Problem.of(Response.Status.UNAUTHORIZED, "A valid bearer token is required");
        response.setStatus(problem.status());
        // JSON is UTF-8 by definition (RFC 8259), so no charset parameter, as in every other problem answer
        response.setContentType(Problem.MEDIA_TYPE);
        response.getOutputStream().write(JSON.toJson(problem).getBytes(StandardCharsets.UTF_8));
    }
}
