package dev.tandem.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A browser's session for the tests, without a browser: a cookie jar, the sign-in form posted with
 * the sign-in page's CSRF token, and forms posted as a browser posts them (docs/web.md).
 */
public final class FormSession {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final HttpClient client =
            HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    public FormSession(String base) {
        this.base = base;
    }

    /** The client holding the session cookie. */
    public HttpClient client() {
        return client;
    }

    /** Posts the sign-in form; the answer is 302, to {@code /incidents} or to {@code /login?error}. */
    public HttpResponse<String> signIn(String username, String password) {
        return post(
                "/login",
                "username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + encode(csrf("/login")),
                null);
    }

    /** A page or any address, with the session cookie; redirects are not followed. */
    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** The CSRF token of a page's form. */
    public String csrf(String page) {
        HttpResponse<String> r =
                send(HttpRequest.newBuilder(URI.create(base + page)).GET());
        Matcher m = CSRF.matcher(r.body());
        if (!m.find()) {
            throw new AssertionError("no CSRF token in " + page + " (" + r.statusCode() + ")");
        }
        return m.group(1);
    }

    /** Posts a url-encoded form with the session cookie, and an {@code Authorization} header if given. */
    public HttpResponse<String> post(String path, String form, @Nullable String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b);
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
