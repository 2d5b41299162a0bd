package dev.tandem.server.identity;

import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.ledger.fact.TokenIssued;
import dev.tandem.server.ledger.fact.UserCreated;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Users and API tokens. Tokens are 256 random bits shown once; only their SHA-256 is stored (a
 * high-entropy secret needs no slow hash). Every change is a ledger entry; token values never are.
 */
@Service
public class Accounts {
    public static final String TOKEN_PREFIX = "tdm_";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long a found token is trusted without asking the database again. */
    static final Duration TOKEN_CACHE_TTL = Duration.ofSeconds(5);

    private static final int TOKEN_CACHE_MAX = 10_000;
    private final ConcurrentHashMap<String, CachedActor> tokenCache = new ConcurrentHashMap<>();

    private final JdbcTemplate jdbc;
    private final Ledger ledger;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final JsonMapper json;

    Accounts(JdbcTemplate jdbc, Ledger ledger, PasswordEncoder passwords, Clock clock, JsonMapper json) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.passwords = passwords;
        this.clock = clock;
        this.json = json;
    }

    /**
     * The account a bearer token belongs to. Found tokens are remembered for {@link #TOKEN_CACHE_TTL}
     * so that a client's stream of requests does not cost a database query each (ADR 054); unknown
     * tokens are looked up every time, so a token works as soon as it is issued.
     */
    public Optional<Actor> byToken(String token) {
        String hash = hash(token);
        long now = System.nanoTime();
        CachedActor cached = tokenCache.get(hash);
        if (cached != null && now - cached.loadedAt() < TOKEN_CACHE_TTL.toNanos()) {
            return Optional.of(cached.actor());
        }
        List<Actor> found = jdbc.query(
                "SELECT u.username, u.is_admin FROM api_token t JOIN app_user u ON u.username = t.username"
                        + " WHERE t.token_hash = ?",
                (rs, n) -> new Actor(rs.getString(1), rs.getBoolean(2)),
                hash);
        if (found.isEmpty()) {
            tokenCache.remove(hash);
            return Optional.empty();
        }
        if (tokenCache.size() >= TOKEN_CACHE_MAX) {
            tokenCache.clear();
        }
        tokenCache.put(hash, new CachedActor(found.getFirst(), now));
        return Optional.of(found.getFirst());
    }

    private record CachedActor(Actor actor, long loadedAt) {}

    public Optional<Actor> byUsername(String username) {
        return jdbc
                .query(
                        "SELECT username, is_admin FROM app_user WHERE username = ?",
                        (rs, n) -> new Actor(rs.getString(1), rs.getBoolean(2)),
                        username)
                .stream()
                .findFirst();
    }

    public boolean exists(String username) {
        return byUsername(username).isPresent();
    }

    /** Creates a user; answers false when the name is taken. */
    public boolean createUser(
            String username, String displayName, @Nullable String password, boolean admin, String actor) {
        return ledger.record(ap -> {
            Integer taken =
                    jdbc.queryForObject("SELECT COUNT(*) FROM app_user WHERE username = ?", Integer.class, username);
            if (taken != null && taken > 0) {
                return false;
            }
            jdbc.update(
                    "INSERT INTO app_user (username, display_name, password_hash, is_admin, created_at)"
                            + " VALUES (?, ?, ?, ?, ?)",
                    username,
                    displayName,
                    password == null ? null : passwords.encode(password),
                    admin,
                    Timestamp.from(clock.instant()));
            ap.record(new UserCreated(username, displayName, admin), actor);
            return true;
        });
    }

    /** Issues a new token for {@code username} and answers it; it is not retrievable later. */
    public String issueToken(String username, String label, String actor) {
        String token = newToken();
        storeToken(username, label, token, actor);
        return token;
    }

    /** Stores a token whose value was chosen elsewhere (the TANDEM_ADMIN_TOKEN bootstrap). */
    public void storeToken(String username, String label, String token, String actor) {
        ledger.record(ap -> {
            jdbc.update(
                    "INSERT INTO api_token (token_hash, username, label, created_at) VALUES (?, ?, ?, ?)",
                    hash(token),
                    username,
                    label,
                    Timestamp.from(clock.instant()));
            ap.record(new TokenIssued(username, label), actor);
            return null;
        });
    }

    public boolean tokenExists(String token) {
        Integer n =
                jdbc.queryForObject("SELECT COUNT(*) FROM api_token WHERE token_hash = ?", Integer.class, hash(token));
        return n != null && n > 0;
    }

    static String newToken() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
    }
}
