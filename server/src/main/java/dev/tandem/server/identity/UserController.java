package dev.tandem.server.identity;

import dev.tandem.server.DomainException;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * People and tokens, docs/contracts.md §2; the access policy decides each ({@code TOKEN_ISSUE}: the
 * user themself; {@code TOKEN_MANAGE}: an administrator, or the user).
 */
@RestController
class UserController {
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    private final Accounts accounts;
    private final Clock clock;

    UserController(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    record NewUser(
            @Nullable String username,
            @Nullable String displayName,
            @Nullable String password,
            @Nullable String email) {}

    private static final java.util.regex.Pattern EMAIL =
            java.util.regex.Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");

    record CreatedUser(String username) {}

    record UserView(String username, String displayName, boolean admin, boolean disabled) {
        static UserView of(Accounts.User u) {
            return new UserView(u.username(), u.displayName(), u.admin(), u.disabled());
        }
    }

    record NewToken(@Nullable String label, @Nullable String expiresAt) {}

    /** The token value, shown this once, and the id to list and revoke it by. */
    record IssuedTokenView(
            String id, String token, @Nullable String expiresAt) {}

    record TokenView(
            String id,
            String label,
            String createdAt,
            @Nullable String expiresAt,
            @Nullable String lastUsedAt) {
        static TokenView of(Accounts.Token t) {
            return new TokenView(
                    t.id(), t.label(), t.createdAt().toString(), text(t.expiresAt()), text(t.lastUsedAt()));
        }
    }

    @PostMapping("/api/v1/users")
    @Guard(Action.USER_CREATE)
    @ResponseStatus(HttpStatus.CREATED)
    CreatedUser create(@AuthenticationPrincipal Actor actor, @RequestBody JsonNode json) {
        NewUser body = newUser(json);
        String username = body.username();
        String display = checked(body);
        if (!accounts.createUser(username, display, body.password(), body.email(), false, actor.username())) {
            throw exists(username, body.email());
        }
        return new CreatedUser(username);
    }

    private static final List<String> NEW_USER_FIELDS = List.of("username", "displayName", "password", "email");

    /**
     * Reads {@code POST /api/v1/users}'s body: only {@code username}, {@code displayName},
     * {@code password} and {@code email}, each a string or null. An unknown field (a typo such as
     * {@code emial}) is 422 naming it rather than ignored; so is {@code admin}: administrators are not
     * made over the API (docs/access.md).
     *
     * @throws DomainException 422 {@code bad-user} naming the field
     */
    static NewUser newUser(JsonNode body) {
        if (!body.isObject()) {
            throw DomainException.unprocessable(
                    "bad-user", "the body must be a JSON object with username, displayName, password, email");
        }
        for (String name : body.propertyNames()) {
            String shown = name.length() > 60 ? name.substring(0, 60) + "…" : name;
            if (name.equals("admin")) {
                throw DomainException.unprocessable(
                        "bad-user",
                        "admin: administrators are not made over the API; the one administrator is the user"
                                + " 'admin', made at the first start with TANDEM_ADMIN_TOKEN (docs/access.md)");
            }
            if (!NEW_USER_FIELDS.contains(name)) {
                throw DomainException.unprocessable(
                        "bad-user",
                        "unknown field '" + shown + "' (known: " + String.join(", ", NEW_USER_FIELDS) + ")");
            }
            JsonNode value = body.get(name);
            if (!value.isNull() && !value.isString()) {
                throw DomainException.unprocessable("bad-user", name + " must be a string, got " + value.getNodeType());
            }
        }
        return new NewUser(
                string(body, "username"), string(body, "displayName"), string(body, "password"), string(body, "email"));
    }

    private static @Nullable String string(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    /**
     * Checks a new user as the API and the administration page take it; answers the display name
     * (the username when none is given).
     *
     * @throws DomainException 422 naming the field
     */
    static String checked(NewUser body) {
        String username = body.username();
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw DomainException.unprocessable(
                    "bad-username", "username must be 1-100 of a-z 0-9 . _ - starting with a letter or digit");
        }
        String display = body.displayName() == null || body.displayName().isBlank() ? username : body.displayName();
        if (display.length() > 200) {
            throw DomainException.unprocessable("bad-display-name", "displayName is longer than 200 characters");
        }
        if (body.password() != null && body.password().length() < 12) {
            throw DomainException.unprocessable("weak-password", "a password needs at least 12 characters");
        }
        if (body.email() != null && !EMAIL.matcher(body.email()).matches()) {
            throw DomainException.unprocessable("bad-email", "email must be an address such as ada@example.com");
        }
        return display;
    }

    static DomainException exists(String username, @Nullable String email) {
        return new DomainException(
                DomainException.Kind.CONFLICT,
                "user-exists",
                "User exists",
                "user " + username + (email == null ? "" : " or the address " + email) + " exists");
    }

    @GetMapping("/api/v1/users")
    @Guard(Action.USER_LIST)
    List<UserView> users() {
        return accounts.users().stream().map(UserView::of).toList();
    }

    /** A user issues their own tokens; an administrator issues none for another user (docs/access.md). */
    @PostMapping("/api/v1/users/{username}/tokens")
    @Guard(Action.TOKEN_ISSUE)
    @ResponseStatus(HttpStatus.CREATED)
    IssuedTokenView token(
            @AuthenticationPrincipal Actor actor,
            @PathVariable String username,
            @RequestBody NewToken body,
            HttpServletRequest request) {
        requireUser(username);
        String label = label(body.label());
        Instant expiresAt = expiresAt(body.expiresAt(), clock.instant());
        Accounts.IssuedToken issued =
                accounts.issueToken(username, label, expiresAt, actor.username(), BearerTokenFilter.tokenId(request));
        return new IssuedTokenView(issued.id(), issued.token(), text(issued.expiresAt()));
    }

    /** Revoked tokens are left out: the ledger's token.revoked entries keep their history. */
    @GetMapping("/api/v1/users/{username}/tokens")
    @Guard(Action.TOKEN_MANAGE)
    List<TokenView> tokens(@PathVariable String username) {
        requireUser(username);
        return accounts.tokens(username).stream().map(TokenView::of).toList();
    }

    @DeleteMapping("/api/v1/users/{username}/tokens/{tokenId}")
    @Guard(Action.TOKEN_MANAGE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@AuthenticationPrincipal Actor actor, @PathVariable String username, @PathVariable String tokenId) {
        requireUser(username);
        switch (accounts.revoke(username, tokenId, actor.username())) {
            case Accounts.Revocation.Revoked r -> {}
            case Accounts.Revocation.NotFound n -> throw DomainException.notFound("token", tokenId);
        }
    }

    @PostMapping("/api/v1/users/{username}/disable")
    @Guard(Action.USER_DISABLE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void disable(@AuthenticationPrincipal Actor actor, @PathVariable String username) {
        switch (accounts.disable(username, actor.username())) {
            case Accounts.Disabling.Disabled d -> {}
            case Accounts.Disabling.AlreadyDisabled d -> {}
            case Accounts.Disabling.NoSuchUser n -> throw DomainException.notFound("user", username);
            case Accounts.Disabling.Refused r ->
                throw new DomainException(DomainException.Kind.CONFLICT, "disable-refused", "Refused", r.reason());
        }
    }

    /** What releasing an account's single sign-on identities answers. */
    record Released(int released) {}

    @DeleteMapping("/api/v1/users/{username}/sign-on")
    @Guard(Action.USER_SIGN_ON_RELEASE)
    Released releaseSignOn(@AuthenticationPrincipal Actor actor, @PathVariable String username) {
        if (!accounts.exists(username)) {
            throw DomainException.notFound("user", username);
        }
        return new Released(accounts.releaseSignOn(username, actor.username()));
    }

    static String label(@Nullable String label) {
        String l = label == null || label.isBlank() ? "api" : label;
        if (l.length() > 200) {
            throw DomainException.unprocessable("bad-label", "label is longer than 200 characters");
        }
        return l;
    }

    /** An expiry as RFC 3339 with an offset, in the future; null for none. */
    static @Nullable Instant expiresAt(@Nullable String text, Instant now) {
        if (text == null) {
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw DomainException.unprocessable(
                    "bad-expires-at", "expiresAt must be an RFC 3339 time with an offset, got " + text);
        }
        if (!at.isAfter(now)) {
            throw DomainException.unprocessable("bad-expires-at", "expiresAt must be in the future, got " + text);
        }
        return at;
    }

    private void requireUser(String username) {
        if (!accounts.exists(username)) {
            throw DomainException.notFound("user", username);
        }
    }

    private static @Nullable String text(@Nullable Instant at) {
        return at == null ? null : at.toString();
    }
}
