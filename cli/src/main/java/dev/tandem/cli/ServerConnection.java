package dev.tandem.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --server URL --token T}, the same on every command that talks to a running server
 * (docs/contracts.md, "CLI"). The token defaults to the {@code TANDEM_TOKEN} environment variable;
 * {@code --token env:NAME} reads another variable, so a token need not appear in the process list.
 * The server URL may carry a path (a server behind a reverse proxy at {@code /tandem}): API paths
 * are resolved below it.
 */
public final class ServerConnection {
    /** The environment variable the token comes from when {@code --token} is not given. */
    public static final String TOKEN_VARIABLE = "TANDEM_TOKEN";

    @Option(
            names = "--server",
            required = true,
            paramLabel = "URL",
            description = "The server's base URL, e.g. http://localhost:8080.")
    String server = "";

    @Option(
            names = "--token",
            paramLabel = "T",
            description = "API token; env:NAME reads it from the environment variable NAME" + " (default: the "
                    + TOKEN_VARIABLE + " environment variable).")
    @Nullable
    String token;

    /** Where and as whom to connect: {@code base} ends with a slash, API paths resolve below it. */
    public record Target(URI base, String token) {
        /** {@code path} without a leading slash, e.g. {@code api/v1/ledger/checkpoint}. */
        public URI resolve(String path) {
            return base.resolve(path.startsWith("/") ? path.substring(1) : path);
        }
    }

    /**
     * What a refusal says, for the person who ran the command: the {@code detail} of the server's
     * problem answer (docs/contracts.md §1), else its {@code title}, or the first 300 characters of
     * any other body.
     */
    public static String reason(String body) {
        try {
            tools.jackson.databind.JsonNode problem = JSON.readTree(body);
            for (String field : new String[] {"detail", "title"}) {
                String text = problem.path(field).asString("");
                if (!text.isBlank()) return text;
            }
        } catch (tools.jackson.core.JacksonException notJson) {
            // not a problem answer: the body as it came, shortened
        }
        String b = body.strip();
        if (b.isEmpty()) return "no reason given";
        return b.length() <= 300 ? b : b.substring(0, 300) + "…";
    }

    /**
     * The code of a problem answer's {@code type} ({@code urn:tandem:problem:change-executed} gives
     * {@code change-executed}, docs/contracts.md §1), or null when the body is no problem answer
     * or its type is {@code about:blank}.
     */
    public static @Nullable String problemType(String body) {
        try {
            String type = JSON.readTree(body).path("type").asString("").strip();
            if (type.isEmpty() || type.equals("about:blank")) return null;
            return type.substring(type.lastIndexOf(':') + 1);
        } catch (tools.jackson.core.JacksonException notJson) {
            return null;
        }
    }

    /**
     * The line to print for a 401 or 403: a 401 is a token the server does not accept (exit 3), a
     * 403 a valid token whose user may not do this (exit 2), with the server's reason either way
     * ({@link #said}).
     */
    public static String refusal(int status, String body) {
        return refused(status, said(body, null));
    }

    private static String refused(int status, String said) {
        return status == 401
                ? "the server refused the token (401): " + said + "; check --token or " + TOKEN_VARIABLE
                : "not allowed for this token's user (403): " + said;
    }

    /**
     * What the server said, on one line: its {@link #reason}, then the problem's {@link #problemType
     * type} in parentheses when it has one ({@code … (change-not-approved)}), with {@code more} after
     * it ({@code (pre-snapshot-required; option --pre-snapshot)}); docs/contracts.md §4.
     */
    private static String said(String body, @Nullable String more) {
        String type = problemType(body);
        String reason = reason(body).replaceAll("\\s*\\R\\s*", " ");
        return type == null ? reason : reason + " (" + type + (more == null ? "" : "; " + more) + ")";
    }

    /** A request that failed: the exit code of docs/contracts.md §4 and the line to print. */
    public record Failure(int exit, String message) {}

    /**
     * A server's answer other than the success the command expected, as docs/contracts.md §4 has it:
     * 401 (the token is not accepted) and 5xx (the server cannot serve) exit 3; 403 (a valid token
     * whose user may not do this) and any other refusal exit 2. The message, one line, carries the
     * problem's {@code detail} and type ({@code the server answered 409: … (change-not-approved)}),
     * never its raw JSON; every command that talks to a server words its refusals so.
     */
    public static Failure answered(int status, String body) {
        return answered(status, body, null);
    }

    /**
     * As {@link #answered(int, String)}, with {@code more} told after the problem's type, inside its
     * parentheses (the option that gives the field at fault); nothing more when the answer has no type.
     */
    public static Failure answered(int status, String body, @Nullable String more) {
        String said = said(body, more);
        if (status == 401 || status == 403) {
            return new Failure(
                    status == 401 ? TandemCommand.EXIT_UNREACHABLE : TandemCommand.EXIT_USAGE, refused(status, said));
        }
        return new Failure(
                status >= 500 ? TandemCommand.EXIT_UNREACHABLE : TandemCommand.EXIT_USAGE,
                "the server answered " + status + ": " + said);
    }

    /**
     * A request to the server at {@code server} that got no answer (exit 3): what happened, in words
     * (connection refused, timed out, unknown host, TLS), and what to check.
     */
    public static Failure unreachable(URI server, IOException e) {
        String why = why(server, e);
        return new Failure(
                TandemCommand.EXIT_UNREACHABLE,
                "cannot reach " + server + ": " + why
                        + (why.contains("; check") ? "" : "; check --server (http:// or https://, host and port)"));
    }

    /**
     * What went wrong with a request, in words: java.net.http's exceptions often carry no message
     * ({@code ConnectException: null} for a refused connection), so the type and causes are read.
     * What it knows how to advise on ends with "; check …".
     */
    public static String why(URI server, IOException e) {
        String host = server.getHost();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException
                    || t instanceof java.net.UnknownHostException) {
                return "unknown host " + host + "; check the host name in --server";
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return "the TLS handshake failed (" + message(t)
                        + "); check http:// or https:// in --server and the server's certificate";
            }
        }
        if (e instanceof java.net.http.HttpConnectTimeoutException) {
            return "timed out connecting; check the host and port in --server, and any firewall or proxy on the way";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "timed out waiting for the server's answer; the server may be overloaded, try again";
        }
        if (e instanceof java.net.ConnectException) {
            String m = firstMessage(e);
            return (m == null ? "connection refused" : m)
                    + "; check that the server is running and that --server gives its host and port"
                    + " (" + host + ":" + port(server) + ")";
        }
        return message(e);
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : 80;
    }

    /** The first message in {@code t}'s causes, or its type's name if none has one. */
    private static String message(Throwable t) {
        String m = firstMessage(t);
        return m != null ? m : t.getClass().getSimpleName();
    }

    private static @Nullable String firstMessage(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) return c.getMessage();
        }
        return null;
    }

    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    /** A usage error in {@code --server} or {@code --token}, with the message to print. */
    public static final class Problem extends Exception {
        public Problem(String message) {
            super(message, null, false, false);
        }
    }

    /** The server and token, checked; reads the environment. */
    public Target target() throws Problem {
        return target(System::getenv);
    }

    /** The server and token, checked, with {@code env} standing for the environment (tests). */
    public Target target(UnaryOperator<@Nullable String> env) throws Problem {
        return target(server, token, env);
    }

    /** For a command whose {@code --server} is optional: the same checks on its own option values. */
    public static Target target(String server, @Nullable String token, UnaryOperator<@Nullable String> env)
            throws Problem {
        return new Target(base(server), bearer(token, env));
    }

    /** The server URL as a base for relative API paths. */
    public static URI base(String server) throws Problem {
        URI u;
        try {
            u = new URI(server.endsWith("/") ? server : server + "/");
        } catch (URISyntaxException e) {
            throw new Problem("--server is not a URL: " + e.getMessage());
        }
        if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
            throw new Problem(
                    "--server must be an http:// or https:// URL such as http://localhost:8080, was '" + server + "'");
        }
        if (u.getRawQuery() != null || u.getRawFragment() != null) {
            throw new Problem(
                    "--server must be the server's base URL, without ?query or #fragment, was '" + server + "'");
        }
        // the API's own prefix given as part of the base: every call would go to /api/v1/api/v1/… and
        // come back 404 "no such address", which does not say that --server is what is wrong
        if (u.getRawPath().endsWith("/api/v1/")) {
            String root = server.substring(0, server.lastIndexOf("/api/v1"));
            throw new Problem("--server is the server's base URL, without the API's /api/v1 (the commands add it):"
                    + " give '" + root + "', was '" + server + "'");
        }
        return u;
    }

    private static String bearer(@Nullable String option, UnaryOperator<@Nullable String> env) throws Problem {
        if (option == null) {
            String t = env.apply(TOKEN_VARIABLE);
            if (t == null || t.isBlank()) {
                throw new Problem("a token is needed: --token T, --token env:NAME or the " + TOKEN_VARIABLE
                        + " environment variable");
            }
            return t.strip();
        }
        if (option.startsWith("env:")) {
            String name = option.substring(4);
            String t = name.isEmpty() ? null : env.apply(name);
            if (t == null || t.isBlank()) {
                throw new Problem("--token " + option + ": the environment variable "
                        + (name.isEmpty() ? "name is missing" : name + " is not set or empty"));
            }
            return t.strip();
        }
        if (option.isBlank()) throw new Problem("--token is empty");
        return option.strip();
    }
}
