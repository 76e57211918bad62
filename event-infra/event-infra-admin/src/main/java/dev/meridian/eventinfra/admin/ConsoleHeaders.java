package dev.meridian.eventinfra.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Security headers for the console and the admin API. The content security policy lets the page run only its own
 * script file: even markup that slipped past the page's escaping could not run inline script, load script from
 * elsewhere, or send data anywhere but this server. No site may frame the console (clickjacking).
 */
public class ConsoleHeaders extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'"
            + " data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        chain.doFilter(request, response);
    }
}
