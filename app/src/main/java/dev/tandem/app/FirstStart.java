package dev.tandem.app;

import dev.tandem.server.identity.Accounts;
import java.util.List;

/**
 * What {@code tandem serve} adds under "Tandem is running at" while nobody but at most the
 * administrator has an account: how to get in. A fresh server has no account at all, and neither the
 * sign-in page nor the API says how one is made (README, "Your own incident"; docs/contracts.md §2).
 */
final class FirstStart {
    private FirstStart() {}

    /** The lines to print after the URL for these accounts, or an empty string once people have accounts. */
    static String hint(List<Accounts.User> users, String url) {
        if (users.isEmpty()) {
            return """
                    No accounts yet: nobody can sign in at %1$s/login or call the API. Stop the server (Ctrl-C)
                    and start it again with an administrator token of at least 16 characters, e.g.
                      TANDEM_ADMIN_TOKEN="$(openssl rand -base64 24)" ./tandem serve
                    (keep the value: it is the administrator's API token); then create the people and open an
                    incident as the README's "Your own incident" shows.
                    """.formatted(url);
        }
        if (users.size() == 1
                && users.getFirst().username().equals("admin")
                && users.getFirst().admin()) {
            return """
                    Only the administrator "admin" has an account. With its token, create each person:
                      curl -H "Authorization: Bearer $TANDEM_ADMIN_TOKEN" -H 'Content-Type: application/json' \\
                           %1$s/api/v1/users -d '{"username":"alice","displayName":"Alice","password":"<12+ characters>"}'
                    who signs in at %1$s/login and issues an API token at %1$s/account/tokens
                    (README, "Your own incident").
                    """.formatted(url);
        }
        return "";
    }
}
