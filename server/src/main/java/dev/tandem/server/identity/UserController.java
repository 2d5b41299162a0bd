package dev.tandem.server.identity;

import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import dev.tandem.server.web.ApiProblem;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** People and tokens, CONTRACTS.md §2. */
@RestController
class UserController {
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    private final Accounts accounts;

    UserController(Accounts accounts) {
        this.accounts = accounts;
    }

    record NewUser(
            @Nullable String username,
            @Nullable String displayName,
            @Nullable String password) {}

    record NewToken(@Nullable String label) {}

    @PostMapping("/api/v1/users")
    @Guard(Action.USER_CREATE)
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> create(@AuthenticationPrincipal Actor actor, @RequestBody NewUser body) {
        if (!actor.admin()) {
            throw ApiProblem.forbidden("only an administrator creates users");
        }
        String username = body.username();
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ApiProblem.unprocessable(
                    "bad-username", "username must be 1-100 of a-z 0-9 . _ - starting with a letter or digit");
        }
        String display = body.displayName() == null || body.displayName().isBlank() ? username : body.displayName();
        if (display.length() > 200) {
            throw ApiProblem.unprocessable("bad-display-name", "displayName is longer than 200 characters");
        }
        if (body.password() != null && body.password().length() < 12) {
            throw ApiProblem.unprocessable("weak-password", "a password needs at least 12 characters");
        }
        if (!accounts.createUser(username, display, body.password(), false, actor.username())) {
            throw new ApiProblem(HttpStatus.CONFLICT, "user-exists", "User exists", "user " + username + " exists");
        }
        return Map.of("username", username);
    }

    @PostMapping("/api/v1/users/{username}/tokens")
    @Guard(Action.TOKEN_MANAGE)
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> token(
            @AuthenticationPrincipal Actor actor, @PathVariable String username, @RequestBody NewToken body) {
        if (!actor.admin() && !actor.username().equals(username)) {
            throw ApiProblem.forbidden("a token is issued by an administrator or for oneself");
        }
        if (!accounts.exists(username)) {
            throw ApiProblem.notFound("user", username);
        }
        String label = body.label() == null || body.label().isBlank() ? "api" : body.label();
        if (label.length() > 200) {
            throw ApiProblem.unprocessable("bad-label", "label is longer than 200 characters");
        }
        return Map.of("token", accounts.issueToken(username, label, actor.username()));
    }
}
