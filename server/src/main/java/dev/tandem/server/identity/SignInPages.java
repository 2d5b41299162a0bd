package dev.tandem.server.identity;

import dev.tandem.server.DomainException;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import dev.tandem.server.web.WebPages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page (the form posts to Spring Security's {@code POST /login}; single sign-on starts at
 * {@code /oauth2/authorization/<id>}) and the signed-in user's own account: their password.
 */
@WebPages
class SignInPages {
    private final ObjectProvider<ClientRegistrationRepository> registrations;
    private final Accounts accounts;

    SignInPages(ObjectProvider<ClientRegistrationRepository> registrations, Accounts accounts) {
        this.registrations = registrations;
        this.accounts = accounts;
    }

    /** A single sign-on provider as the sign-in page offers it. */
    record Provider(String id, String name) {}

    @GetMapping("/login")
    @Guard(Action.SIGN_IN)
    String login(Model model, @RequestParam Map<String, String> params) {
        List<Provider> providers = new ArrayList<>();
        if (registrations.getIfAvailable() instanceof Iterable<?> all) {
            for (Object r : all) {
                if (r instanceof ClientRegistration c) {
                    providers.add(new Provider(c.getRegistrationId(), c.getClientName()));
                }
            }
        }
        model.addAttribute("providers", providers);
        String message = null;
        if (params.containsKey("error")) {
            message = "The username or password is not correct, or the account is disabled.";
        } else if (params.containsKey("sso-error")) {
            message = "Single sign-on did not match an enabled Tandem account. Ask an administrator to create"
                    + " one with your username or e-mail address.";
        } else if (params.containsKey("sso-taken")) {
            message = "Single sign-on matched a Tandem account that belongs to another identity of this provider."
                    + " Ask an administrator to release the account if it is yours.";
        } else if (params.containsKey("sso-failed")) {
            message = "Single sign-on did not complete: the identity provider refused, or the sign-in took too"
                    + " long. Try again; if it keeps failing, ask an administrator.";
        } else if (params.containsKey("throttled")) {
            message = "Too many failed sign-ins with this username or from this address: signing in is paused" + " for "
                    + pause(params.get("throttled")) + ". Try again then, or ask an administrator.";
        } else if (params.containsKey("disabled")) {
            message = "Your account was disabled; you have been signed out.";
        }
        model.addAttribute("error", message);
        model.addAttribute("signedOut", params.containsKey("signed-out"));
        return "login";
    }

    /** Why a single sign-on account has no password form. */
    static final String NO_LOCAL_PASSWORD = "This account signs in through single sign-on (your identity"
            + " provider) and has no local password; it cannot set one itself.";

    /** How long a lockout lasts, in words, from the seconds the sign-in was sent back with. */
    static String pause(@Nullable String seconds) {
        long s;
        try {
            s = seconds == null ? 0 : Long.parseLong(seconds);
        } catch (NumberFormatException e) {
            s = 0;
        }
        if (s <= 0) {
            return "a while";
        }
        return s < 60 ? s + (s == 1 ? " second" : " seconds") : ((s + 59) / 60) + " minute" + (s > 60 ? "s" : "");
    }

    @GetMapping("/account/password")
    @Guard(Action.OWN_ACCOUNT)
    String passwordForm(@AuthenticationPrincipal Actor actor, Model model) {
        model.addAttribute("local", accounts.hasPassword(actor.username()));
        model.addAttribute("noLocalPassword", NO_LOCAL_PASSWORD);
        return "account/password";
    }

    /**
     * A password is changed in a signed-in browser session only: a bearer token (the web chain
     * accepts them for scripts) is refused with 403, so a stolen token never becomes a password
     * sign-in that outlives the token's revocation.
     */
    @PostMapping("/account/password")
    @Guard(Action.OWN_ACCOUNT)
    String changePassword(
            @AuthenticationPrincipal Actor actor,
            @RequestParam(required = false) @Nullable String currentPassword,
            @RequestParam(required = false) @Nullable String newPassword,
            @RequestParam(required = false) @Nullable String confirmPassword,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        if (BearerTokenFilter.authenticatedByToken(request)) {
            throw new DomainException(
                    DomainException.Kind.FORBIDDEN,
                    "session-required",
                    "Session required",
                    "a password is changed in a signed-in browser session, not with an API token");
        }
        String next = newPassword == null ? "" : newPassword;
        Accounts.PasswordChange result = !next.equals(confirmPassword)
                ? new Accounts.PasswordChange.Refused("confirmPassword", "the two new passwords differ")
                : accounts.changePassword(actor.username(), currentPassword, next);
        model.addAttribute("local", true);
        model.addAttribute("noLocalPassword", NO_LOCAL_PASSWORD);
        switch (result) {
            case Accounts.PasswordChange.Changed c -> model.addAttribute("changed", true);
            case Accounts.PasswordChange.Refused r -> {
                response.setStatus(422);
                model.addAttribute("field", r.field());
                model.addAttribute("error", r.reason());
            }
            case Accounts.PasswordChange.NoLocalPassword n -> {
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                model.addAttribute("local", false);
            }
        }
        return "account/password";
    }
}
