package dev.tandem.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.identity.Accounts;

/**
 * Users for the tests, with a token each. An administrator creates the user through the API; the
 * token is issued by the server's own code path ({@link Accounts#issueToken}, as the demo issues
 * its people's), recorded as the user's own: an administrator issues no token for another user
 * (docs/access.md), and a real user issues their first one in a signed-in session.
 */
public final class TestUsers {
    private TestUsers() {}

    /** Creates {@code username} as {@code admin} and answers a token of theirs labelled {@code label}. */
    public static String withToken(Api admin, Accounts accounts, String username, String label) {
        Api.Response u = admin.postJson("/api/v1/users", "{\"username\":\"" + username + "\"}");
        assertThat(u.status()).as(u.body()).isEqualTo(201);
        return token(accounts, username, label);
    }

    /** A new token of an existing user, as they would issue it for themself. */
    public static String token(Accounts accounts, String username, String label) {
        return accounts.issueToken(username, label, username);
    }
}
