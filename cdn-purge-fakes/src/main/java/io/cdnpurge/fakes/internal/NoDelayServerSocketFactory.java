package io.cdnpurge.fakes.internal;

import javax.net.ServerSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Server sockets whose connections have {@code TCP_NODELAY}. MockWebServer writes a response's head and body
 * separately; with Nagle's algorithm the body waits for the client's delayed ACK, about 40 ms a call, which would make
 * a fake far slower than the vendor it stands for.
 */
public final class NoDelayServerSocketFactory extends ServerSocketFactory {
    /**
     * Starts a fake's server on an ephemeral port of 127.0.0.1 with this factory and its dispatcher.
     *
     * @param vendor the vendor's name, for the error
     */
    public static void startOnLoopback(mockwebserver3.MockWebServer server, mockwebserver3.Dispatcher dispatcher,
                                       String vendor) {
        server.setDispatcher(dispatcher);
        server.setServerSocketFactory(new NoDelayServerSocketFactory());
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not start the fake " + vendor + " API", e);
        }
    }


    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new NoDelayServerSocket();
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        ServerSocket socket = new NoDelayServerSocket();
        socket.bind(new java.net.InetSocketAddress(port));
        return socket;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        ServerSocket socket = new NoDelayServerSocket();
        socket.bind(new java.net.InetSocketAddress(port), backlog);
        return socket;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        ServerSocket socket = new NoDelayServerSocket();
        socket.bind(new java.net.InetSocketAddress(address, port), backlog);
        return socket;
    }

    private static final class NoDelayServerSocket extends ServerSocket {
        NoDelayServerSocket() throws IOException {
            super();
        }

        @Override
        public Socket accept() throws IOException {
            Socket socket = super.accept();
            socket.setTcpNoDelay(true);
            return socket;
        }
    }
}
