package dev.meridian.eventinfra.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apiguardian.api.API;

/**
 * {@code Cache-Control: no-store} on every answer of an API (API.md, Conventions): tokens, profiles, addresses,
 * events and dead letters must stay out of every cache between the server and the client, and out of the browser's.
 * One rule for every API answer, errors included, rather than a decision per resource that a new resource could
 * forget. Each module maps it to its API's paths in web.xml.
 */
@API(status = API.Status.STABLE)
public class NoStore implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ((HttpServletResponse) response).setHeader("Cache-Control", "no-store");
        chain.doFilter(request, response);
    }
}
