package dev.meridian.payara;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * WildFly's {@code proxy-address-forwarding} on the public listener, for Payara, whose listeners have none: with
 * {@code meridian.proxy-address-forwarding=true}, a request that arrived on the public listener has as its client
 * address the first one of {@code X-Forwarded-For}, as Undertow takes it. The sign-in and registration limits per
 * client address then count the clients behind the proxy, not the proxy. Only for a proxy that is the sole way in
 * and replaces the header (README, "Configuration"); the internal listener never believes it, and a first entry that
 * is no address literal is ignored.
 */
public class ForwardedClientAddress extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String HEADER = "X-Forwarded-For";
    /** The characters of an IPv4 or IPv6 literal, at most as long as the longest. */
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f.:]{2,45}");

    private final int internalPort;

    ForwardedClientAddress(int internalPort) {
        this.internalPort = internalPort;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String forwarded = request.getHeader(HEADER);
        if (forwarded == null || request.getLocalPort() == internalPort) {
            chain.doFilter(request, response);
            return;
        }
        String client = forwarded.split(",", 2)[0].strip();
        // an address, not whatever a client wrote: anything else keeps the socket's
        chain.doFilter(!ADDRESS.matcher(client).matches() ? request : new HttpServletRequestWrapper(request) {
            @Override
            public String getRemoteAddr() {
                return client;
            }

            @Override
            public String getRemoteHost() {
                return client;
            }
        }, response);
    }
}
