package dev.meridian.it.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of one server (PostgreSQL, a broker) whose network the fault tests break on purpose. It
 * forwards bytes both ways until told otherwise:
 * <ul>
 *   <li>{@link #blackhole()}: every connection stops carrying bytes, with no reset and no close, as a network
 *       silently dropping packets. Bytes sent meanwhile wait (TCP would retransmit them) and flow once
 *       {@link #restore()}d. A connection made meanwhile is accepted and then hears nothing, and is reset when the
 *       blackhole ends: its handshake would have been lost, and its client has long given up.</li>
 *   <li>{@link #cutOff()}: every connection is reset and new ones are refused, as a host that went away.</li>
 * </ul>
 */
public final class TcpProxy implements AutoCloseable {

    private static final int BUFFER = 16 * 1024;

    private final int port;
    private final InetSocketAddress target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<Socket> acceptedInTheBlackhole = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private volatile boolean passing = true;
    private volatile ServerSocket listener;

    private TcpProxy(int port, InetSocketAddress target) {
        this.port = port;
        this.target = target;
    }

    /** A proxy listening on {@code port} of the loopback address, forwarding to {@code targetPort} there. */
    public static TcpProxy start(int port, int targetPort) throws IOException {
        TcpProxy proxy = new TcpProxy(port, new InetSocketAddress("127.0.0.1", targetPort));
        proxy.listen();
        return proxy;
    }

    public int port() {
        return port;
    }

    /** From now on nothing passes either way, and nobody is told. */
    public void blackhole() {
        passing = false;
    }

    /** Resets every connection and refuses new ones. */
    public void cutOff() throws IOException {
        listener.close();
        resetAll(sockets);
    }

    private void resetAll(Set<Socket> connections) {
        for (Socket socket : connections) {
            try {
                // a linger of 0 makes the close a reset, as from a host that lost the connection's state
                socket.setSoLinger(true, 0);
            } catch (SocketException closedMeanwhile) {
                // its pump closed it: nothing left to reset
            }
            closeQuietly(socket);
        }
    }

    /** Lets bytes pass again, and listens again if {@link #cutOff()}. */
    public void restore() throws IOException {
        if (listener.isClosed()) {
            listen();
        }
        resetAll(acceptedInTheBlackhole);
        acceptedInTheBlackhole.clear();
        synchronized (gate) {
            passing = true;
            gate.notifyAll();
        }
    }

    private void listen() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress("127.0.0.1", port));
        listener = socket;
        Thread accepting = new Thread(() -> accept(socket), "proxy-accept-" + port);
        accepting.setDaemon(true);
        accepting.start();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                sockets.add(client);
                if (!passing) {
                    acceptedInTheBlackhole.add(client);
                }
                Thread connecting = new Thread(() -> connect(client), "proxy-" + port + "-" + client.getPort());
                connecting.setDaemon(true);
                connecting.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void connect(Socket client) {
        try {
            awaitPassing();
            if (client.isClosed()) {
                return;
            }
            Socket server = new Socket();
            sockets.add(server);
            server.connect(target, 5_000);
            Thread back = new Thread(() -> pump(server, client), Thread.currentThread().getName() + "-back");
            back.setDaemon(true);
            back.start();
            pump(client, server);
        } catch (IOException | InterruptedException gone) {
            closeQuietly(client);
        }
    }

    /**
     * Copies {@code from} to {@code to} while passing. Bytes read just before a blackhole wait to be sent, and so
     * does the news that one side closed: a silent network carries no close either.
     */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[BUFFER];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                awaitPassing();
                out.write(buffer, 0, read);
                out.flush();
            }
            awaitPassing();
        } catch (IOException | InterruptedException goneOrCutOff) {
            // one side went away, or the proxy cut both off; the other side goes with it
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void awaitPassing() throws InterruptedException {
        synchronized (gate) {
            while (!passing) {
                gate.wait();
            }
        }
    }

    private void closeQuietly(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that was wanted
        }
    }

    @Override
    public void close() throws IOException {
        restore();
        cutOff();
    }
}
