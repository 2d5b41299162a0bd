package dev.tandem.server.identity;

import dev.tandem.server.DomainException;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import dev.tandem.server.web.Confirmation;
import dev.tandem.server.web.Times;
import dev.tandem.server.web.WebPages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administration in the browser (docs/web.md): users (create, disable) and each user's API tokens
 * (list; revoke), decided by the API's actions ({@code USER_LIST}, {@code USER_CREATE},
 * {@code USER_DISABLE}, {@code TOKEN_MANAGE}) and checked by the same code as
 * {@link UserController}. A user manages their own tokens at {@code /account/tokens}, and only
 * they issue them ({@code TOKEN_ISSUE}): an administrator issues none for another user.
 */
@WebPages
class AdminPages {
    private final Accounts accounts;
    private final Clock clock;

    AdminPages(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @GetMapping("/admin/users")
    @Guard(Action.USER_LIST)
    String users(Model model) {
        model.addAttribute("users", accounts.users());
        model.addAttribute("signOn", accounts.signOnIssuersByUser());
        if (!model.containsAttribute("draft")) {
            model.addAttribute("draft", Map.of());
        }
        return "admin/users";
    }

    @PostMapping("/admin/users")
    @Guard(Action.USER_CREATE)
    String create(
            @AuthenticationPrincipal Actor actor,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        String username = form.getOrDefault("username", "").strip();
        UserController.NewUser user = new UserController.NewUser(
                username,
                blankToNull(form.get("displayName")),
                // a password is taken as typed, spaces included
                form.get("password") == null || form.get("password").isEmpty() ? null : form.get("password"),
                blankToNull(form.get("email")));
        try {
            String display = UserController.checked(user);
            if (!accounts.createUser(username, display, user.password(), user.email(), false, actor.username())) {
                throw UserController.exists(username, user.email());
            }
        } catch (DomainException e) {
            response.setStatus(e.kind() == DomainException.Kind.CONFLICT ? 409 : 422);
            model.addAttribute("createError", e.getMessage());
            model.addAttribute("errorField", field(e.code()));
            Map<String, String> draft = new java.util.HashMap<>(form);
            draft.remove("password");
            model.addAttribute("draft", draft);
            return users(model);
        }
        redirect.addFlashAttribute("created", username);
        return "redirect:/admin/users";
    }

    /**
     * The question before a user is disabled (docs/web.md, "Actions that ask first"): who, and what
     * they lose. Its form alone disables.
     */
    @GetMapping("/admin/users/{username}/disable")
    @Guard(Action.USER_DISABLE)
    String confirmDisable(@AuthenticationPrincipal Actor actor, @PathVariable String username, Model model) {
        Accounts.User user = accounts.users().stream()
                .filter(u -> u.username().equals(username))
                .findFirst()
                .orElseThrow(() -> DomainException.notFound("user", username));
        String who = user.displayName().equals(username) ? username : username + " (" + user.displayName() + ")";
        model.addAttribute(
                "confirmation",
                new Confirmation(
                        "Disable " + username + "? · Administration",
                        "Disable " + who + "?",
                        List.of(
                                username + " is signed out at their next click, every API token of theirs is refused"
                                        + " from now on, and they can no longer sign in, with a password or through"
                                        + " single sign-on.",
                                "Their memberships and what they recorded stay; the ledger records the disabling"
                                        + " (user.disabled). Neither the pages nor the API enable an account again."),
                        "/admin/users/" + username + "/disable",
                        Map.of(),
                        "Disable " + username,
                        "/admin/users",
                        "Keep them",
                        user.disabled() ? username + " is disabled already." : null));
        return Confirmation.VIEW;
    }

    /** Disables the user once confirmed ({@code confirm=yes}); without it, the question again. */
    @PostMapping("/admin/users/{username}/disable")
    @Guard(Action.USER_DISABLE)
    String disable(
            @AuthenticationPrincipal Actor actor,
            @PathVariable String username,
            @RequestParam(name = Confirmation.CONFIRM, required = false) @Nullable String confirm,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        if (!Confirmation.confirmed(confirm)) {
            return confirmDisable(actor, username, model);
        }
        switch (accounts.disable(username, actor.username())) {
            case Accounts.Disabling.Disabled d -> redirect.addFlashAttribute("disabled", username);
            case Accounts.Disabling.AlreadyDisabled d -> redirect.addFlashAttribute("disabled", username);
            case Accounts.Disabling.NoSuchUser n -> throw DomainException.notFound("user", username);
            case Accounts.Disabling.Refused r -> {
                response.setStatus(409);
                model.addAttribute("disableError", r.reason());
                return users(model);
            }
        }
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{username}/sign-on-release")
    @Guard(Action.USER_SIGN_ON_RELEASE)
    String releaseSignOn(
            @AuthenticationPrincipal Actor actor, @PathVariable String username, RedirectAttributes redirect) {
        if (!accounts.exists(username)) {
            throw DomainException.notFound("user", username);
        }
        accounts.releaseSignOn(username, actor.username());
        redirect.addFlashAttribute("released", username);
        return "redirect:/admin/users";
    }

    @GetMapping("/admin/users/{username}/tokens")
    @Guard(Action.TOKEN_MANAGE)
    String userTokens(@AuthenticationPrincipal Actor actor, @PathVariable String username, Model model) {
        return tokens(actor, username, "/admin/users/" + username + "/tokens", model);
    }

    /** Only for the administrator's own tokens: the policy refuses it for anyone else's. */
    @PostMapping("/admin/users/{username}/tokens")
    @Guard(Action.TOKEN_ISSUE)
    String issueForUser(
            @AuthenticationPrincipal Actor actor,
            @PathVariable String username,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return issue(actor, username, "/admin/users/" + username + "/tokens", form, model, request, response, redirect);
    }

    @GetMapping("/admin/users/{username}/tokens/{tokenId}/revocation")
    @Guard(Action.TOKEN_MANAGE)
    String confirmRevokeForUser(@PathVariable String username, @PathVariable String tokenId, Model model) {
        return confirmRevoke(username, tokenId, "/admin/users/" + username + "/tokens", false, model);
    }

    @PostMapping("/admin/users/{username}/tokens/{tokenId}/revocation")
    @Guard(Action.TOKEN_MANAGE)
    String revokeForUser(
            @AuthenticationPrincipal Actor actor,
            @PathVariable String username,
            @PathVariable String tokenId,
            @RequestParam(name = Confirmation.CONFIRM, required = false) @Nullable String confirm,
            Model model,
            RedirectAttributes redirect) {
        String base = "/admin/users/" + username + "/tokens";
        if (!Confirmation.confirmed(confirm)) {
            return confirmRevoke(username, tokenId, base, false, model);
        }
        revoke(actor, username, tokenId, redirect);
        return "redirect:" + base;
    }

    @GetMapping("/account/tokens")
    @Guard(Action.TOKEN_MANAGE)
    String ownTokens(@AuthenticationPrincipal Actor actor, Model model) {
        return tokens(actor, actor.username(), "/account/tokens", model);
    }

    @PostMapping("/account/tokens")
    @Guard(Action.TOKEN_ISSUE)
    String issueOwn(
            @AuthenticationPrincipal Actor actor,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return issue(actor, actor.username(), "/account/tokens", form, model, request, response, redirect);
    }

    @GetMapping("/account/tokens/{tokenId}/revocation")
    @Guard(Action.TOKEN_MANAGE)
    String confirmRevokeOwn(@AuthenticationPrincipal Actor actor, @PathVariable String tokenId, Model model) {
        return confirmRevoke(actor.username(), tokenId, "/account/tokens", true, model);
    }

    @PostMapping("/account/tokens/{tokenId}/revocation")
    @Guard(Action.TOKEN_MANAGE)
    String revokeOwn(
            @AuthenticationPrincipal Actor actor,
            @PathVariable String tokenId,
            @RequestParam(name = Confirmation.CONFIRM, required = false) @Nullable String confirm,
            Model model,
            RedirectAttributes redirect) {
        if (!Confirmation.confirmed(confirm)) {
            return confirmRevoke(actor.username(), tokenId, "/account/tokens", true, model);
        }
        revoke(actor, actor.username(), tokenId, redirect);
        return "redirect:/account/tokens";
    }

    /**
     * The question before a token is revoked (docs/web.md, "Actions that ask first"): which token, by
     * its label and when it was issued and last used, and that whatever uses it is refused from then
     * on. Its form alone revokes; a token that is not the user's active one is 404, as the revocation.
     */
    private String confirmRevoke(String username, String tokenId, String base, boolean own, Model model) {
        if (!accounts.exists(username)) {
            throw DomainException.notFound("user", username);
        }
        Accounts.Token token = accounts.tokens(username).stream()
                .filter(t -> t.id().equals(tokenId))
                .findFirst()
                .orElseThrow(() -> DomainException.notFound("token", tokenId));
        Times times = new Times();
        String whose = own ? "your" : username + "'s";
        model.addAttribute(
                "confirmation",
                new Confirmation(
                        "Revoke the token " + token.label() + "? · " + (own ? "Your API tokens" : "Administration"),
                        "Revoke " + whose + " token \"" + token.label() + "\"?",
                        List.of(
                                "Issued " + times.show(token.createdAt(), null) + ", last used "
                                        + (token.lastUsedAt() == null ? "never" : times.show(token.lastUsedAt(), null))
                                        + ".",
                                "Every script or command line that calls the API with it is refused from now on;"
                                        + " a revoked token cannot be used again (issue a new one). The ledger records"
                                        + " the revocation (token.revoked)."),
                        base + "/" + tokenId + "/revocation",
                        Map.of(),
                        "Revoke " + token.label(),
                        base,
                        "Keep it",
                        null));
        return Confirmation.VIEW;
    }

    private String tokens(Actor actor, String username, String base, Model model) {
        if (!accounts.exists(username)) {
            throw DomainException.notFound("user", username);
        }
        model.addAttribute("user", username);
        model.addAttribute("base", base);
        model.addAttribute("own", base.startsWith("/account/"));
        // the issue form only where the policy permits it: one's own tokens
        model.addAttribute("mayIssue", actor.username().equals(username));
        model.addAttribute("tokens", accounts.tokens(username));
        if (!model.containsAttribute("draft")) {
            model.addAttribute("draft", Map.of());
        }
        return "admin/tokens";
    }

    private String issue(
            Actor actor,
            String username,
            String base,
            Map<String, String> form,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        if (!accounts.exists(username)) {
            throw DomainException.notFound("user", username);
        }
        try {
            String label = UserController.label(form.get("label"));
            // a datetime-local field in UTC (the page says so), or RFC 3339 with an offset as typed
            OffsetDateTime at = Times.fromForm(form.get("expiresAt"), ZoneOffset.UTC, "expiresAt");
            Instant expiresAt = UserController.expiresAt(at == null ? null : at.toString(), clock.instant());
            Accounts.IssuedToken issued = accounts.issueToken(
                    username, label, expiresAt, actor.username(), BearerTokenFilter.tokenId(request));
            redirect.addFlashAttribute("issued", Map.of("id", issued.id(), "token", issued.token(), "label", label));
        } catch (DomainException | IllegalArgumentException | DateTimeException e) {
            response.setStatus(422);
            model.addAttribute("tokenError", e.getMessage());
            model.addAttribute("draft", form);
            return tokens(actor, username, base, model);
        }
        return "redirect:" + base;
    }

    private void revoke(Actor actor, String username, String tokenId, RedirectAttributes redirect) {
        if (!accounts.exists(username)) {
            throw DomainException.notFound("user", username);
        }
        switch (accounts.revoke(username, tokenId, actor.username())) {
            case Accounts.Revocation.Revoked r -> redirect.addFlashAttribute("revoked", tokenId);
            case Accounts.Revocation.NotFound n -> throw DomainException.notFound("token", tokenId);
        }
    }

    /** The form field a refusal names, for aria-invalid. */
    private static String field(String code) {
        return switch (code) {
            case "bad-display-name" -> "displayName";
            case "weak-password" -> "password";
            case "bad-email" -> "email";
            default -> "username";
        };
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
