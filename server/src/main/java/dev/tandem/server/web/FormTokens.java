package dev.tandem.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.WebUtils;

/**
 * One-time form tokens for the forms that create something (docs/web.md, "Forms sent twice"): the
 * page puts a fresh {@link #PARAM} in the form; the first accepted post with it records its result
 * (where the redirect leads) in the session, and a second post with the same token (the back button
 * and a second submit, a double click) records nothing and is sent to that result. A post without a
 * token (an older page, a script) is handled as before. A refused post records nothing and does not
 * spend its token.
 */
public final class FormTokens {
    /** The form field. */
    public static final String PARAM = "formToken";

    private static final String SESSION = FormTokens.class.getName();
    private static final int KEEP = 200;
    private static final SecureRandom RANDOM = new SecureRandom();

    private FormTokens() {}

    /** A fresh token for a form. */
    public static String issue() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * Runs {@code create} (a handler's creation, answering the view name, "redirect:…" when it was
     * accepted) once per token: a token already spent answers the redirect its first post answered,
     * with {@code sentTwice} added to the address's query. Posts of one session with a token run
     * one at a time, so a double click waits for the first and is sent to its result.
     */
    public static String once(HttpServletRequest request, @Nullable String token, Supplier<String> create) {
        return once(request, token, "", create);
    }

    /**
     * As {@link #once(HttpServletRequest, String, Supplier)}, the second post sent to
     * {@code ?sentTwice=<what>}: for a page that more than one form leads to, so it can say which
     * was sent again.
     */
    public static String once(
            HttpServletRequest request, @Nullable String token, String what, Supplier<String> create) {
        if (token == null || token.isBlank() || token.length() > 64) {
            return create.get();
        }
        Spent spent = spent(request.getSession());
        synchronized (spent) {
            String earlier = spent.get(token);
            if (earlier != null) {
                return "redirect:" + sentTwice(earlier, what);
            }
            String view = create.get();
            if (view.startsWith("redirect:")) {
                spent.put(token, view.substring("redirect:".length()));
            }
            return view;
        }
    }

    static String sentTwice(String location) {
        return sentTwice(location, "");
    }

    static String sentTwice(String location, String what) {
        int hash = location.indexOf('#');
        String path = hash < 0 ? location : location.substring(0, hash);
        String fragment = hash < 0 ? "" : location.substring(hash);
        int query = path.indexOf('?');
        String base = query < 0 ? path : path.substring(0, query);
        return base + "?sentTwice" + (what.isEmpty() ? "" : "=" + what) + fragment;
    }

    private static Spent spent(HttpSession session) {
        synchronized (WebUtils.getSessionMutex(session)) {
            if (session.getAttribute(SESSION) instanceof Spent s) {
                return s;
            }
            Spent s = new Spent();
            session.setAttribute(SESSION, s);
            return s;
        }
    }

    /** The session's spent tokens and where their first post led, the newest {@value #KEEP}. */
    private static final class Spent extends LinkedHashMap<String, String> implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > KEEP;
        }
    }
}
