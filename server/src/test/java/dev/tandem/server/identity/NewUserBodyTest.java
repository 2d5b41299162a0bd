package dev.tandem.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.server.DomainException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class NewUserBodyTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void readsTheKnownFields() {
        UserController.NewUser u = UserController.newUser(
                json("{\"username\":\"ada\",\"displayName\":\"Ada\",\"password\":null,\"email\":\"ada@example.com\"}"));
        assertThat(u).isEqualTo(new UserController.NewUser("ada", "Ada", null, "ada@example.com"));
    }

    @Test
    void aTypoIsRefusedNamingTheField() {
        assertThatThrownBy(() -> UserController.newUser(json("{\"username\":\"ada\",\"emial\":\"ada@example.com\"}")))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.UNPROCESSABLE_CONTENT);
                    assertThat(e.code()).isEqualTo("bad-user");
                })
                .hasMessage("unknown field 'emial' (known: username, displayName, password, email)");
    }

    @Test
    void adminIsRefusedSayingHowAdministratorsAreMade() {
        assertThatThrownBy(() -> UserController.newUser(json("{\"username\":\"ada\",\"admin\":true}")))
                .isInstanceOf(DomainException.class)
                .hasMessageStartingWith("admin: administrators are not made over the API")
                .hasMessageContaining("TANDEM_ADMIN_TOKEN");
        assertThatThrownBy(() -> UserController.newUser(json("{\"username\":\"ada\",\"admin\":false}")))
                .isInstanceOf(DomainException.class)
                .hasMessageStartingWith("admin:");
    }

    @Test
    void aFieldOfTheWrongTypeOrABodyThatIsNoObjectIsRefused() {
        assertThatThrownBy(() -> UserController.newUser(json("{\"username\":42}")))
                .isInstanceOf(DomainException.class)
                .hasMessageStartingWith("username must be a string");
        assertThatThrownBy(() -> UserController.newUser(json("[\"ada\"]")))
                .isInstanceOf(DomainException.class)
                .hasMessageStartingWith("the body must be a JSON object");
    }
}
