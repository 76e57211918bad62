package dev.meridian.eventinfra.web;

import dev.meridian.eventinfra.store.RequestCorrelation;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import org.apiguardian.api.API;

/**
 * Gives every request a correlation id (API.md, Conventions): the request's {@code X-Correlation-Id} when it is a
 * UUID, else a new one. Every response carries it, errors included, and every event the request appends carries it
 * as its correlation id ({@link RequestCorrelation}). A value that is no UUID is replaced rather than echoed, since
 * events keep correlation ids as UUIDs. Each module maps this filter to all its paths in web.xml, first, for requests and error pages.
 */
@API(status = API.Status.STABLE)
public class CorrelationIds implements Filter {

    /** The header, in requests and responses. */
    public static final String HEADER = "X-Correlation-Id";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletResponse http = (HttpServletResponse) response;
        // an error page (the server's own 401, say) runs after the request's pass, or instead of it
        UUID correlationId = parsed(http.getHeader(HEADER))
                .or(() -> parsed(((HttpServletRequest) request).getHeader(HEADER)))
                .orElseGet(UUID::randomUUID);
        http.setHeader(HEADER, correlationId.toString());
        RequestCorrelation.set(correlationId);
        try {
            chain.doFilter(request, response);
        } finally {
            RequestCorrelation.clear();
        }
    }

    private static Optional<UUID> parsed(String header) {
        try {
            return Optional.ofNullable(header).map(String::strip).map(UUID::fromString);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
