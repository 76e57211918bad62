package dev.meridian.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * HTTP/1.1 written by hand over a socket, for what the JDK's client will not do: send from another local address
 * (Java 17's client cannot choose it) and send any {@code Host} header (it refuses to), as an attacker's client would.
 */
final class RawHttp {

    /** Another loopback address: to the server, requests from it come from another client than the tests'. */
    static final String OTHER_CLIENT = "127.0.0.2";
    private static final int TIMEOUT_MILLIS = 60_000;

    private RawHttp() {
    }

    /**
     * Sends {@code method} to {@code target}, exactly as given (its raw path and query, unnormalised), from
     * {@code localAddress}, with {@code headers} (name and value pairs; {@code Host} among them replaces the
     * target's) and {@code body}; the answer's status.
     */
    static int send(String localAddress, String method, URI target, List<String[]> headers, String body)
            throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method).append(' ').append(target.getRawPath())
                .append(target.getRawQuery() == null ? "" : "?" + target.getRawQuery()).append(" HTTP/1.1\r\n");
        if (headers.stream().noneMatch(header -> header[0].equalsIgnoreCase("Host"))) {
            head.append("Host: ").append(target.getHost()).append(':').append(target.getPort()).append("\r\n");
        }
        headers.forEach(header -> head.append(header[0]).append(": ").append(header[1]).append("\r\n"));
        head.append("Content-Length: ").append(content.length).append("\r\nConnection: close\r\n\r\n");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress(target.getHost(), target.getPort()), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            return statusOf(socket.getInputStream());
        }
    }

    private static int statusOf(InputStream answer) throws IOException {
        StringBuilder statusLine = new StringBuilder();
        for (int next = answer.read(); next != -1 && next != '\n'; next = answer.read()) {
            statusLine.append((char) next);
        }
        String[] parts = statusLine.toString().split(" ");
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("Not an HTTP answer: " + statusLine);
        }
        return Integer.parseInt(parts[1]);
    }
}
