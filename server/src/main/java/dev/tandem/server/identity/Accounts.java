package dev.tandem.server.identity;

import dev.tandem.server.DomainException;
import dev.tandem.server.Ids;
import dev.tandem.server.ledger.Appender;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.ledger.fact.PasswordChanged;
import dev.tandem.server.ledger.fact.SignOnBound;
import dev.tandem.server.ledger.fact.SignOnReleased;
import dev.tandem.server.ledger.fact.TokenIssued;
import dev.tandem.server.ledger.fact.TokenRevoked;
import dev.tandem.server.ledger.fact.UserCreated;
import dev.tandem.server.ledger.fact.UserDisabled;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Users and API tokens. Tokens are 256 random bits shown once; only their SHA-256 is stored (a
 * high-entropy secret needs no slow hash). Every change is a ledger entry; token values and hashes
 * never are.
 */
@Service
public class Accounts {
    public static final String TOKEN_PREFIX = "tdm_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** {@code last_used_at} is written at most this often per token and server process. */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private static final int LAST_USED_MAX = 10_000;

    /**
     * ADR 060: one query per request, on the token's primary key joined to its user's, decides
     * everything at once, so a revocation, an expiry or a disabled user is seen by the very next
     * request on every server process sharing the database. No cache may answer in its place.
     */
    private static final String ACCEPTED_TOKEN = "SELECT t.id, u.username, u.is_admin, t.last_used_at"
            + " FROM api_token t JOIN app_user u ON u.username = t.username"
            + " WHERE t.token_hash = ? AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?)"
            + " AND u.disabled_at IS NULL";

    /** When this process last wrote {@code last_used_at} of a token id. */
    private final ConcurrentHashMap<String, Instant> lastUsedWritten = new ConcurrentHashMap<>();

    private final JdbcTemplate jdbc;
    private final Ledger ledger;
    private final PasswordEncoder passwords;
    private final Clock clock;

    Accounts(JdbcTemplate jdbc, Ledger ledger, PasswordEncoder passwords, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** A user as the user list shows it. */
    public record User(String username, String displayName, boolean admin, boolean disabled) {}

    /** A token as its owner may see it: never its value or hash. */
    public record Token(
            String id,
            String label,
            Instant createdAt,
            @Nullable Instant expiresAt,
            @Nullable Instant lastUsedAt) {}

    /** A newly issued token: its value is shown this once. */
    public record IssuedToken(
            String id, String token, @Nullable Instant expiresAt) {}

    /** What came of a request to revoke a token. */
    public sealed interface Revocation {
        record Revoked(String id) implements Revocation {}

        /** No such token of that user, or it was revoked already. */
        record NotFound() implements Revocation {}
    }

    /** What came of a request to disable a user. */
    public sealed interface Disabling {
        record Disabled() implements Disabling {}

        /** Nothing changed, nothing recorded. */
        record AlreadyDisabled() implements Disabling {}

        record NoSuchUser() implements Disabling {}

        /** Refused, with the reason the caller reads. */
        record Refused(String reason) implements Disabling {}
    }

    private record Found(
            String tokenId, Actor actor, @Nullable Instant lastUsedAt) {}

    /**
     * The account a bearer token belongs to, if the token is known, neither revoked nor expired, and
     * its user is not disabled; checked against the database on every call (ADR 060).
     */
    public Optional<Actor> byToken(String token) {
        return bearer(token).map(Bearer::actor);
    }

    /** Who a bearer token authenticates, and that token's id. */
    public record Bearer(Actor actor, String tokenId) {}

    /** As {@link #byToken}, with the token's id (what a token issued with it records). */
    public Optional<Bearer> bearer(String token) {
        Instant now = clock.instant();
        List<Found> found = jdbc.query(
                ACCEPTED_TOKEN,
                (rs, n) -> new Found(rs.getString(1), new Actor(rs.getString(2), rs.getBoolean(3)), instant(rs, 4)),
                hash(token),
                Timestamp.from(now));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Found f = found.getFirst();
        noteUse(f.tokenId(), f.lastUsedAt(), now);
        return Optional.of(new Bearer(f.actor(), f.tokenId()));
    }

    /**
     * Records that a token was used, at most once per {@link #LAST_USED_RESOLUTION} per process: the
     * stored time says whether a write is due, the local claim keeps concurrent requests of one
     * client from all writing it, and the conditional update keeps processes from moving it back.
     */
    private void noteUse(String tokenId, @Nullable Instant stored, Instant now) {
        Instant due = now.minus(LAST_USED_RESOLUTION);
        if (stored != null && stored.isAfter(due)) {
            return;
        }
        if (lastUsedWritten.size() >= LAST_USED_MAX) {
            lastUsedWritten.clear();
        }
        boolean[] claimed = {false};
        lastUsedWritten.compute(tokenId, (id, last) -> {
            if (last != null && last.isAfter(due)) {
                return last;
            }
            claimed[0] = true;
            return now;
        });
        if (claimed[0]) {
            jdbc.update(
                    "UPDATE api_token SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
                    Timestamp.from(now),
                    tokenId,
                    Timestamp.from(now));
        }
    }

    public Optional<Actor> byUsername(String username) {
        return jdbc
                .query(
                        "SELECT username, is_admin FROM app_user WHERE username = ?",
                        (rs, n) -> new Actor(rs.getString(1), rs.getBoolean(2)),
                        username)
                .stream()
                .findFirst();
    }

    /** The account behind a signed-in session, if it still exists and is not disabled. */
    public Optional<Actor> active(String username) {
        return jdbc
                .query(
                        "SELECT username, is_admin FROM app_user WHERE username = ? AND disabled_at IS NULL",
                        (rs, n) -> new Actor(rs.getString(1), rs.getBoolean(2)),
                        username)
                .stream()
                .findFirst();
    }

    /**
     * The enabled account a single sign-on identity belongs to: the one named like the provider's
     * username, else the one with the provider's (verified) e-mail address.
     */
    public Optional<String> matchSignOn(@Nullable String username, @Nullable String email) {
        if (username != null && !username.isBlank()) {
            List<String> byName = jdbc.queryForList(
                    "SELECT username FROM app_user WHERE username = ? AND disabled_at IS NULL", String.class, username);
            if (!byName.isEmpty()) {
                return Optional.of(byName.getFirst());
            }
        }
        if (email != null && !email.isBlank()) {
            List<String> byEmail = jdbc.queryForList(
                    "SELECT username FROM app_user WHERE LOWER(email) = LOWER(?) AND disabled_at IS NULL",
                    String.class,
                    email.strip());
            if (!byEmail.isEmpty()) {
                return Optional.of(byEmail.getFirst());
            }
        }
        return Optional.empty();
    }

    /** What a single sign-on answers: the account, or why there is none. */
    public sealed interface SignOn {
        /** The enabled account the identity signs in as. */
        record Matched(String username) implements SignOn {}

        /** No enabled account is bound to the identity or matches its username or address. */
        record NoAccount() implements SignOn {}

        /**
         * The username or address matched an account that is bound to another identity of the same
         * provider: a reassigned username or address at the provider must not take over the account.
         */
        record BoundToAnother(String username) implements SignOn {}
    }

    /**
     * The account a provider's identity signs in as (docs/web.md, "Single sign-on"). An identity
     * already bound (its issuer and subject, OpenID Connect Core 1.0 §5.7) signs in as its account,
     * whatever username or address it now asserts. An identity seen for the first time is matched by
     * {@link #matchSignOn} and bound to the account it matched, unless that account is already bound
     * to another subject of the same issuer; binding is recorded as {@code user.sign-on-bound}.
     */
    public SignOn signOn(String issuer, String subject, @Nullable String username, @Nullable String email) {
        Optional<SignOn> bound = boundAccount(issuer, subject);
        if (bound.isPresent()) {
            return bound.get();
        }
        Optional<String> matched = matchSignOn(username, email);
        if (matched.isEmpty()) {
            return new SignOn.NoAccount();
        }
        String account = matched.get();
        try {
            return ledger.record(ap -> {
                Integer taken = jdbc.queryForObject(
                        "SELECT COUNT(*) FROM sign_on_identity WHERE issuer = ? AND username = ?",
                        Integer.class,
                        issuer,
                        account);
                if (taken != null && taken > 0) {
                    return new SignOn.BoundToAnother(account);
                }
                jdbc.update(
                        "INSERT INTO sign_on_identity (issuer, subject, username, bound_at) VALUES (?, ?, ?, ?)",
                        issuer,
                        subject,
                        account,
                        Timestamp.from(clock.instant()));
                ap.record(new SignOnBound(account, issuer, subject), account);
                return new SignOn.Matched(account);
            });
        } catch (DuplicateKeyException raced) {
            // the same identity signed in twice at once, or another identity took the account first
            return boundAccount(issuer, subject).orElse(new SignOn.BoundToAnother(account));
        }
    }

    private Optional<SignOn> boundAccount(String issuer, String subject) {
        // one row at most (the primary key); a disabled account answers as no account
        List<SignOn> bound = jdbc.query(
                "SELECT u.username, u.disabled_at FROM sign_on_identity i JOIN app_user u ON u.username = i.username"
                        + " WHERE i.issuer = ? AND i.subject = ?",
                (rs, n) -> rs.getTimestamp(2) == null ? new SignOn.Matched(rs.getString(1)) : new SignOn.NoAccount(),
                issuer,
                subject);
        return bound.stream().findFirst();
    }

    /**
     * Releases every single sign-on identity bound to an account (the next sign-in through a
     * provider binds afresh), recorded as {@code user.sign-on-released}; the number released.
     */
    public int releaseSignOn(String username, String actor) {
        return ledger.record(ap -> {
            int released = jdbc.update("DELETE FROM sign_on_identity WHERE username = ?", username);
            if (released > 0) {
                ap.record(new SignOnReleased(username, released), actor);
            }
            return released;
        });
    }

    /** The providers (issuers) each bound account is bound to, by username. */
    public Map<String, List<String>> signOnIssuersByUser() {
        Map<String, List<String>> issuers = new TreeMap<>();
        jdbc.query("SELECT username, issuer FROM sign_on_identity ORDER BY username, issuer", (RowCallbackHandler) rs ->
                issuers.computeIfAbsent(rs.getString(1), u -> new ArrayList<>()).add(rs.getString(2)));
        return issuers;
    }

    /** Sets the e-mail address single sign-on matches (null clears it). */
    public void setEmail(String username, @Nullable String email) {
        jdbc.update("UPDATE app_user SET email = ? WHERE username = ?", email, username);
    }

    /** What a password change answers. */
    public sealed interface PasswordChange {
        record Changed() implements PasswordChange {}

        /** The current password did not match, or the new one is not acceptable; the reason says which. */
        record Refused(String field, String reason) implements PasswordChange {}

        /**
         * The account has no local password: it signs in through single sign-on, and a password it
         * set itself would be a second way in that the identity provider no longer controls.
         */
        record NoLocalPassword() implements PasswordChange {}
    }

    /** Does the account have a local password? False for a single sign-on account (or no account). */
    public boolean hasPassword(String username) {
        return jdbc.queryForObject(
                        "SELECT COUNT(*) FROM app_user WHERE username = ? AND password_hash IS NOT NULL",
                        Integer.class,
                        username)
                > 0;
    }

    /** Does the user's stored password match? False for an account without one. */
    public boolean passwordMatches(String username, String password) {
        List<StoredPassword> stored = jdbc.query(
                "SELECT password_hash FROM app_user WHERE username = ?",
                (rs, n) -> new StoredPassword(rs.getString(1)),
                username);
        return !stored.isEmpty()
                && stored.getFirst().hash() != null
                && passwords.matches(password, stored.getFirst().hash());
    }

    /** Sets a user's password without asking for the current one: an administrator's act (and the demo's). */
    public void setPassword(String username, String password, String actor) {
        ledger.record(ap -> {
            jdbc.update(
                    "UPDATE app_user SET password_hash = ? WHERE username = ?", passwords.encode(password), username);
            ap.record(new PasswordChanged(username), actor);
            return null;
        });
    }

    private record StoredPassword(@Nullable String hash) {}

    /** Shortest password accepted (NIST SP 800-63B 3.1.1.2 asks at least 8; we ask more). */
    public static final int MIN_PASSWORD_LENGTH = 12;

    /**
     * Changes a user's own password after checking the current one. An account without a local
     * password (a single sign-on user's) cannot set one: whoever holds its session would gain a
     * sign-in that bypasses the identity provider. Recorded as {@code user.password-changed}.
     */
    public PasswordChange changePassword(String username, @Nullable String current, String next) {
        if (next.length() < MIN_PASSWORD_LENGTH) {
            return new PasswordChange.Refused(
                    "newPassword", "the new password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (next.length() > 256) {
            return new PasswordChange.Refused("newPassword", "the new password must have at most 256 characters");
        }
        return ledger.record(ap -> {
            List<StoredPassword> stored = jdbc.query(
                    "SELECT password_hash FROM app_user WHERE username = ? AND disabled_at IS NULL",
                    (rs, n) -> new StoredPassword(rs.getString(1)),
                    username);
            if (stored.isEmpty()) {
                return new PasswordChange.Refused("currentPassword", "no enabled account " + username);
            }
            String hash = stored.getFirst().hash();
            if (hash == null) {
                return new PasswordChange.NoLocalPassword();
            }
            if (current == null || !passwords.matches(current, hash)) {
                return new PasswordChange.Refused("currentPassword", "the current password is not correct");
            }
            jdbc.update("UPDATE app_user SET password_hash = ? WHERE username = ?", passwords.encode(next), username);
            ap.record(new PasswordChanged(username), username);
            return new PasswordChange.Changed();
        });
    }

    public boolean exists(String username) {
        return byUsername(username).isPresent();
    }

    /** Every user, by name. */
    public List<User> users() {
        return jdbc.query(
                "SELECT username, display_name, is_admin, disabled_at FROM app_user ORDER BY username", Accounts::user);
    }

    private static User user(ResultSet rs, int row) throws SQLException {
        return new User(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getTimestamp(4) != null);
    }

    /** Creates a user; answers false when the name is taken. */
    public boolean createUser(
            String username, String displayName, @Nullable String password, boolean admin, String actor) {
        return createUser(username, displayName, password, null, admin, actor);
    }

    /**
     * Creates a user with the e-mail address single sign-on may match; answers false when the name
     * or the address is taken.
     */
    public boolean createUser(
            String username,
            String displayName,
            @Nullable String password,
            @Nullable String email,
            boolean admin,
            String actor) {
        return ledger.record(ap -> {
            Integer taken = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM app_user WHERE username = ? OR LOWER(email) = LOWER(?)",
                    Integer.class,
                    username,
                    email == null ? "" : email);
            if (taken != null && taken > 0) {
                return false;
            }
            jdbc.update(
                    "INSERT INTO app_user (username, display_name, password_hash, is_admin, created_at, email)"
                            + " VALUES (?, ?, ?, ?, ?, ?)",
                    username,
                    displayName,
                    password == null ? null : passwords.encode(password),
                    admin,
                    Timestamp.from(clock.instant()),
                    email);
            ap.record(new UserCreated(username, displayName, admin), actor);
            return true;
        });
    }

    /**
     * Disables a user: from the commit on, every request with one of their tokens is refused. Their
     * tokens are not revoked (the ledger keeps one {@code user.disabled} entry, not one per token).
     * The last enabled administrator cannot be disabled; the check runs inside the ledger unit, so
     * two administrators disabling each other at once cannot both succeed.
     */
    public Disabling disable(String username, String actor) {
        return ledger.record(ap -> {
            List<User> found = jdbc.query(
                    "SELECT username, display_name, is_admin, disabled_at FROM app_user WHERE username = ?",
                    Accounts::user,
                    username);
            if (found.isEmpty()) {
                return new Disabling.NoSuchUser();
            }
            if (found.getFirst().disabled()) {
                return new Disabling.AlreadyDisabled();
            }
            if (username.equals(actor)) {
                return new Disabling.Refused("an administrator cannot disable themself");
            }
            if (found.getFirst().admin()) {
                Integer others = jdbc.queryForObject(
                        "SELECT COUNT(*) FROM app_user WHERE is_admin AND disabled_at IS NULL AND username <> ?",
                        Integer.class,
                        username);
                if (others == null || others == 0) {
                    return new Disabling.Refused("at least one enabled administrator must remain");
                }
            }
            jdbc.update(
                    "UPDATE app_user SET disabled_at = ? WHERE username = ?",
                    Timestamp.from(clock.instant()),
                    username);
            ap.record(new UserDisabled(username), actor);
            return new Disabling.Disabled();
        });
    }

    /** Issues a new token that never expires (the demo's). */
    public String issueToken(String username, String label, String actor) {
        return issueToken(username, label, null, actor, null).token();
    }

    /**
     * Issues a new token for {@code username}; its value is not retrievable later. A request that
     * carried a bearer token passes that token's id as {@code issuedWith}: the new token then expires
     * no later than it (its expiry when none is asked for; 422 {@code expires-after-issuing-token}
     * for a later one) and is revoked with it, so a stolen token cannot mint a successor that
     * outlives its own revocation or expiry (docs/contracts.md §2).
     */
    public IssuedToken issueToken(
            String username, String label, @Nullable Instant expiresAt, String actor, @Nullable String issuedWith) {
        String token = newToken();
        return ledger.record(ap -> {
            Instant expiry = expiresAt;
            if (issuedWith != null) {
                expiry = expiryUnder(username, issuedWith, expiresAt);
            }
            String id = insertToken(ap, username, label, token, expiry, false, actor, issuedWith);
            return new IssuedToken(id, token, expiry);
        });
    }

    /** The expiry of a token issued with {@code issuedWith}, which the unit reads as committed. */
    private @Nullable Instant expiryUnder(String username, String issuedWith, @Nullable Instant asked) {
        List<Optional<Instant>> parent = jdbc.query(
                "SELECT expires_at FROM api_token WHERE id = ? AND username = ? AND revoked_at IS NULL",
                (rs, n) -> Optional.ofNullable(instant(rs, 1)),
                issuedWith,
                username);
        if (parent.isEmpty()) {
            // revoked (or its user changed) between the request's authentication and this unit
            throw new DomainException(
                    DomainException.Kind.CONFLICT,
                    "issuing-token-revoked",
                    "Issuing token revoked",
                    "the token this request carried was revoked meanwhile; no token was issued");
        }
        Instant limit = parent.getFirst().orElse(null);
        if (limit == null) return asked;
        if (asked == null) return limit;
        if (asked.isAfter(limit)) {
            throw DomainException.unprocessable(
                    "expires-after-issuing-token",
                    "expiresAt " + asked + " is after " + limit
                            + ", when the token this request carried expires: a token issued with a token expires no later than it");
        }
        return asked;
    }

    private String insertToken(
            Appender ap,
            String username,
            String label,
            String token,
            @Nullable Instant expiresAt,
            boolean bootstrap,
            String actor,
            @Nullable String issuedWith) {
        String id = Ids.next();
        jdbc.update(
                "INSERT INTO api_token (id, token_hash, username, label, created_at, expires_at, bootstrap, issued_with)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                id,
                hash(token),
                username,
                label,
                Timestamp.from(clock.instant()),
                expiresAt == null ? null : Timestamp.from(expiresAt),
                bootstrap,
                issuedWith);
        ap.record(
                new TokenIssued(username, id, label, expiresAt == null ? null : expiresAt.toString(), issuedWith),
                actor);
        return id;
    }

    /** The tokens of a user that are not revoked, oldest first; expired ones included. */
    public List<Token> tokens(String username) {
        return jdbc.query(
                "SELECT id, label, created_at, expires_at, last_used_at FROM api_token"
                        + " WHERE username = ? AND revoked_at IS NULL ORDER BY created_at, id",
                (rs, n) -> new Token(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getTimestamp(3).toInstant(),
                        instant(rs, 4),
                        instant(rs, 5)),
                username);
    }

    /** Revokes one of {@code username}'s tokens; from the commit on, no server process accepts it. */
    public Revocation revoke(String username, String tokenId, String actor) {
        return ledger.record(ap -> revokeInUnit(ap, username, tokenId, "revoked", actor));
    }

    private Revocation revokeInUnit(Appender ap, String username, String tokenId, String reason, String actor) {
        List<String> label = jdbc.query(
                "SELECT label FROM api_token WHERE id = ? AND username = ? AND revoked_at IS NULL",
                (rs, n) -> rs.getString(1),
                tokenId,
                username);
        if (label.isEmpty()) {
            return new Revocation.NotFound();
        }
        jdbc.update(
                "UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                Timestamp.from(clock.instant()),
                tokenId);
        ap.record(new TokenRevoked(username, tokenId, label.getFirst(), reason), actor);
        // the tokens issued with it, and theirs, go with it: one entry each, in the same unit
        java.util.ArrayDeque<String> issuers = new java.util.ArrayDeque<>(List.of(tokenId));
        while (!issuers.isEmpty()) {
            String issuer = issuers.removeFirst();
            List<String[]> issued = jdbc.query(
                    "SELECT id, username, label FROM api_token WHERE issued_with = ? AND revoked_at IS NULL ORDER BY id",
                    (rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)},
                    issuer);
            for (String[] t : issued) {
                jdbc.update(
                        "UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                        Timestamp.from(clock.instant()),
                        t[0]);
                ap.record(new TokenRevoked(t[1], t[0], t[2], ISSUER_REVOKED + issuer), actor);
                issuers.addLast(t[0]);
            }
        }
        return new Revocation.Revoked(tokenId);
    }

    /** The reason of a token revoked because the token it was issued with was: this, then that token's id. */
    static final String ISSUER_REVOKED = "revoked with the token it was issued with, ";

    /** The state of a token value the bootstrap was given. */
    enum BootstrapState {
        /** Installed and usable: nothing to do. */
        CURRENT,
        /** Stored once and revoked since: it stays revoked. */
        REVOKED,
        /** Stored, but not as the bootstrap token of an administrator. */
        FOREIGN,
        /** Not stored. */
        NEW
    }

    BootstrapState bootstrapState(String token, String admin) {
        List<BootstrapState> found = jdbc.query(
                "SELECT username, bootstrap, revoked_at FROM api_token WHERE token_hash = ?",
                (rs, n) -> rs.getTimestamp(3) != null
                        ? BootstrapState.REVOKED
                        : rs.getBoolean(2) && admin.equals(rs.getString(1))
                                ? BootstrapState.CURRENT
                                : BootstrapState.FOREIGN,
                hash(token));
        return found.isEmpty() ? BootstrapState.NEW : found.getFirst();
    }

    /**
     * Installs the TANDEM_ADMIN_TOKEN value as {@code admin}'s bootstrap token, revoking (with a
     * ledger entry each) the bootstrap tokens installed from earlier values: one unit, so no moment
     * has both or neither. Answers how many were revoked; -1 if the value was stored meanwhile (by
     * another server process starting with it: units run one at a time across processes).
     */
    int replaceBootstrapToken(String admin, String token) {
        return ledger.record(ap -> {
            Integer stored = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM api_token WHERE token_hash = ?", Integer.class, hash(token));
            if (stored != null && stored > 0) {
                return -1;
            }
            List<String> old = jdbc.query(
                    "SELECT id FROM api_token WHERE username = ? AND bootstrap AND revoked_at IS NULL",
                    (rs, n) -> rs.getString(1),
                    admin);
            for (String id : old) {
                revokeInUnit(ap, admin, id, "replaced by a new TANDEM_ADMIN_TOKEN", "system");
            }
            insertToken(ap, admin, AdminBootstrap.LABEL, token, null, true, "system", null);
            return old.size();
        });
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

    private static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
