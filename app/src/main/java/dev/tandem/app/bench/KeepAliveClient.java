package dev.tandem.app.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client on one kept-alive loopback connection, for latency benchmarks: it
 * writes a request and reads the answer on the calling thread, with no selector thread, futures or
 * connection pool between the clock and the socket. {@code java.net.http.HttpClient} added about
 * 0.6 ms to every call here (its p50 for a call the server answers in 40 µs), which is the client's
 * cost, not the server's. Answers must carry {@code Content-Length} or be chunked. Tomcat closes a
 * kept-alive connection after 100 requests by default ({@code Connection: close}); the client then
 * reconnects for the next request, so about one call in a hundred includes a TCP connect.
 */
final class KeepAliveClient implements AutoCloseable {
    private final String host;
    private final int port;
    private final String authorization;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    KeepAliveClient(URI base, String bearerToken) throws IOException {
        this.host = base.getHost();
        this.port = base.getPort();
        this.authorization = "Bearer " + bearerToken;
        connect();
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 10_000);
        socket.setSoTimeout(60_000);
        in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        out = socket.getOutputStream();
    }

    record Answer(int status, String body) {}

    /** {@code GET path}; reconnects once if the server closed the kept-alive connection. */
    Answer get(String pathAndQuery) throws IOException {
        return send(request("GET", pathAndQuery, null, null));
    }

    /** {@code POST path} with a body; reconnects once if the server closed the kept-alive connection. */
    Answer post(String pathAndQuery, String contentType, byte[] body) throws IOException {
        return send(request("POST", pathAndQuery, contentType, body));
    }

    /** A request built once and sent many times. */
    byte[] request(String method, String pathAndQuery, String contentType, byte[] body) {
        StringBuilder head = new StringBuilder(256)
                .append(method)
                .append(' ')
                .append(pathAndQuery)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append(':')
                .append(port)
                .append("\r\nAuthorization: ")
                .append(authorization)
                .append("\r\nAccept: */*\r\n");
        if (body != null) {
            head.append("Content-Type: ")
                    .append(contentType)
                    .append("\r\nContent-Length: ")
                    .append(body.length)
                    .append("\r\n");
        }
        byte[] h = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        if (body == null) {
            return h;
        }
        byte[] all = java.util.Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /** Sends a request made by {@link #request}; reconnects once if the server had closed the connection. */
    Answer send(byte[] request) throws IOException {
        try {
            return exchange(request);
        } catch (ConnectionClosed e) {
            close();
            connect();
            return exchange(request);
        }
    }

    private Answer exchange(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        String statusLine = line();
        if (statusLine == null) {
            throw new ConnectionClosed();
        }
        if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.1 status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String h = line(); h != null && !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" ->
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                default -> {}
            }
        }
        String body;
        if (chunked) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (String size = line(); ; size = line()) {
                if (size == null) {
                    throw new IOException("connection closed inside a chunked answer");
                }
                int n = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
                if (n == 0) {
                    for (String t = line(); t != null && !t.isEmpty(); t = line()) {
                        // trailers
                    }
                    break;
                }
                b.write(in.readNBytes(n));
                line();
            }
            body = b.toString(StandardCharsets.UTF_8);
        } else if (length >= 0) {
            byte[] bytes = in.readNBytes(Math.toIntExact(length));
            if (bytes.length != length) {
                throw new IOException("connection closed after " + bytes.length + " of " + length + " bytes");
            }
            body = new String(bytes, StandardCharsets.UTF_8);
        } else {
            throw new IOException("an answer with neither Content-Length nor chunked encoding");
        }
        if (close) {
            close();
            connect();
        }
        return new Answer(status, body);
    }

    /** One header line without its CRLF, or null at end of stream before any byte. */
    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int end = sb.length();
                if (end > 0 && sb.charAt(end - 1) == '\r') {
                    sb.setLength(end - 1);
                }
                return sb.toString();
            }
            sb.append((char) c);
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static final class ConnectionClosed extends IOException {
        ConnectionClosed() {
            super("the server closed the connection");
        }
    }
}
