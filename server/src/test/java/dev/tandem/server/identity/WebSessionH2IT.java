package dev.tandem.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.Api;
import dev.tandem.server.FormSession;
import dev.tandem.server.TestDatabases;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web chain's session and its CSRF protection (docs/web.md, "Signing in"): only a request a
 * bearer token authenticated goes without a CSRF token; a session cookie goes with no cross-site
 * POST (SameSite=Lax) and is never readable by scripts.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tandem.admin-token=" + WebSessionH2IT.ADMIN_TOKEN, "logging.level.dev.tandem=WARN"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebSessionH2IT {
    static final String ADMIN_TOKEN = "web-session-admin-token-0123456789";
    static final String PASSWORD = "correct horse battery";

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.embedded(registry, "web-session");
    }

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    Api admin;
    FormSession session;
    String username;
    String token;
    HttpResponse<String> signedIn;

    @BeforeAll
    void signIn() {
        admin = new Api(base(), ADMIN_TOKEN);
        username = newUser("ada", PASSWORD);
        // the user's own token, as the server issues it (not an administrator's to issue)
        token = accounts.issueToken(username, "web-session", username);
        session = new FormSession(base());
        signedIn = session.signIn(username, PASSWORD);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).endsWith("/incidents");
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    String newUser(String prefix, String password) {
        String name = prefix + "-" + Long.toString(System.nanoTime(), 36);
        Api.Response created = admin.postJson(
                "/api/v1/users",
                "{\"username\":\"" + name + "\",\"displayName\":\"" + prefix + "\",\"password\":\"" + password + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return name;
    }

    @Test
    void credentialsOfAnotherSchemeDoNotExemptASessionFromItsCsrfToken() {
        int before = accounts.tokens(username).size();
        // what a browser attaches by itself (HTTP Basic remembered, Kerberos behind an enterprise proxy)
        for (String scheme : List.of("Basic eDp4", "Negotiate YIIGhgYGKwYBBQUCoIIGejCCBnag", "Bearerish x")) {
            HttpResponse<String> forged = session.post("/account/tokens", "label=forged", scheme);
            assertThat(forged.statusCode()).as(scheme).isEqualTo(403);
        }
        // nor does a bearer token that authenticates nothing: it is refused as such
        assertThat(session.post("/account/tokens", "label=forged", "Bearer tdm_not-a-token")
                        .statusCode())
                .isEqualTo(401);
        assertThat(accounts.tokens(username)).hasSize(before);

        // with the page's CSRF token the same session issues a token
        HttpResponse<String> withToken = session.post(
                "/account/tokens",
                "label=mine&_csrf=" + FormSession.encode(session.csrf("/account/tokens")),
                "Basic eDp4");
        assertThat(withToken.statusCode()).isEqualTo(302);
        assertThat(accounts.tokens(username)).hasSize(before + 1);
    }

    /** The form's hint says an empty "Aware since" means now: the deadlines that run from awareness start. */
    @Test
    void anIncidentOpenedFromTheWebWithoutAnAwareTimeIsAwareFromNow() {
        java.time.Instant before = java.time.Instant.now();
        HttpResponse<String> opened = session.post(
                "/incidents",
                "title=Day+one&severity=HIGH&timeZone=Europe%2FBerlin&awareAt=&_csrf="
                        + FormSession.encode(session.csrf("/incidents")),
                null);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(302);
        String id = opened.headers().firstValue("Location").orElseThrow().replaceAll(".*/incidents/", "");
        String awareAt = new Api(base(), token)
                .get("/api/v1/incidents/" + id)
                .json()
                .path("awareAt")
                .asString();
        assertThat(java.time.Instant.parse(awareAt))
                .isBetween(before.minusSeconds(1), java.time.Instant.now().plusSeconds(1));
    }

    @Test
    void aValidBearerTokenNeedsNoCsrfTokenWhateverTheCaseOfItsScheme() {
        int before = accounts.tokens(username).size();
        FormSession script = new FormSession(base());
        for (String scheme : List.of("Bearer ", "bearer ", "BEARER ")) {
            HttpResponse<String> scripted = script.post("/account/tokens", "label=script", scheme + token);
            assertThat(scripted.statusCode()).as(scheme).isEqualTo(302);
        }
        assertThat(accounts.tokens(username)).hasSize(before + 3);
    }

    @Test
    void theSessionCookieIsSameSiteLaxAndHttpOnly() {
        List<String> cookies = signedIn.headers().allValues("Set-Cookie");
        assertThat(cookies)
                .anySatisfy(c -> assertThat(c)
                        .startsWith("JSESSIONID=")
                        .containsIgnoringCase("; SameSite=Lax")
                        .containsIgnoringCase("; HttpOnly")
                        // served over plain HTTP here; Tomcat marks it Secure when the request came over HTTPS
                        .doesNotContainIgnoringCase("; Secure"));
    }

    @Test
    void aPasswordIsNeverChangedWithABearerToken() {
        String form = "currentPassword=" + FormSession.encode(PASSWORD)
                + "&newPassword=a+password+set+by+a+token&confirmPassword=a+password+set+by+a+token";
        HttpResponse<String> refused = new FormSession(base()).post("/account/password", form, "Bearer " + token);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body())
                .contains("data-problem=\"urn:tandem:problem:session-required\"")
                .contains("signed-in browser session");
        assertThat(accounts.passwordMatches(username, PASSWORD)).isTrue();
        assertThat(accounts.passwordMatches(username, "a password set by a token"))
                .isFalse();
    }

    @Test
    void aSessionChangesItsOwnPasswordWithTheCurrentOne() {
        String name = newUser("changer", PASSWORD);
        FormSession own = new FormSession(base());
        assertThat(own.signIn(name, PASSWORD).statusCode()).isEqualTo(302);
        HttpResponse<String> changed = own.post(
                "/account/password",
                "currentPassword=" + FormSession.encode(PASSWORD)
                        + "&newPassword=the+second+password&confirmPassword=the+second+password&_csrf="
                        + FormSession.encode(own.csrf("/account/password")),
                null);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("Your password was changed");
        assertThat(accounts.passwordMatches(name, "the second password")).isTrue();
    }

    @Test
    void anAccountWithoutALocalPasswordCannotSetOne() {
        // a single sign-on account: created without a password
        String name = "sso-" + Long.toString(System.nanoTime(), 36);
        assertThat(admin.postJson("/api/v1/users", "{\"username\":\"" + name + "\"}")
                        .status())
                .isEqualTo(201);
        assertThat(accounts.hasPassword(name)).isFalse();
        for (String current : new String[] {null, "", "anything at all"}) {
            assertThat(accounts.changePassword(name, current, "a password of my own"))
                    .isInstanceOf(Accounts.PasswordChange.NoLocalPassword.class);
        }
        assertThat(accounts.passwordMatches(name, "a password of my own")).isFalse();
        assertThat(accounts.hasPassword(name)).isFalse();
        assertThat(accounts.hasPassword(username)).isTrue();
    }

    static String location(HttpResponse<String> r) {
        return r.headers().firstValue("Location").orElse("");
    }

    @Test
    void manyWrongPasswordsPauseSigningInWithThatUsernameTheRightPasswordToo() {
        String name = newUser("guessed", PASSWORD);
        FormSession guesser = new FormSession(base());
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> wrong = guesser.signIn(name, "wrong password " + i);
            assertThat(wrong.statusCode()).isEqualTo(302);
            assertThat(location(wrong)).as("attempt %d", i).contains("/login?").doesNotContain("/incidents");
        }
        HttpResponse<String> right = guesser.signIn(name, PASSWORD);
        assertThat(location(right)).contains("/login?throttled=");
        // a lockout of about a minute, not the one second a busy throttle asks for
        assertThat(Long.parseLong(location(right).replaceAll(".*throttled=(\\d+).*", "$1")))
                .isBetween(30L, 60L);
        // not signed in: a page sends the guesser to the sign-in page
        HttpResponse<String> after = guesser.get("/incidents");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(location(after)).endsWith("/login");
        assertThat(guesser.get(location(right).substring(location(right).indexOf("/login")))
                        .body())
                .contains("Too many failed sign-ins with this username or from this address")
                // the one-minute lockout, less the seconds the thirty refused attempts took
                .containsPattern("for (1 minute|[3-5][0-9] seconds)");

        // a username no account has is answered exactly alike: the answers do not tell who exists
        String nobody = "nobody-" + Long.toString(System.nanoTime(), 36);
        for (int i = 0; i < 30; i++) {
            guesser.signIn(nobody, "wrong password " + i);
        }
        assertThat(location(guesser.signIn(nobody, PASSWORD))).contains("/login?throttled=");

        // other usernames are not paused: another user signs in from the same address
        FormSession other = new FormSession(base());
        assertThat(location(other.signIn(username, PASSWORD))).endsWith("/incidents");
    }

    @Test
    void aSuccessfulSignInStartsTheCountAfresh() {
        String name = newUser("forgetful", PASSWORD);
        for (int round = 0; round < 3; round++) {
            FormSession forgetful = new FormSession(base());
            for (int i = 0; i < 4; i++) {
                assertThat(location(forgetful.signIn(name, "not it " + i))).endsWith("/login?error");
            }
            assertThat(location(forgetful.signIn(name, PASSWORD)))
                    .as("round %d", round)
                    .endsWith("/incidents");
        }
    }
}
