package dev.tandem.server.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.Api;
import dev.tandem.server.TestDatabases;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A blob store with no room above its reserve (simulated by a reserve larger than any disk): every
 * upload is refused with 507 before a byte is read, and the server keeps serving everything else.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tandem.admin-token=" + DiskFullIT.TOKEN,
            "tandem.evidence.min-free-bytes=4611686018427387904",
            "logging.level.dev.tandem=WARN"
        })
class DiskFullIT {
    static final String TOKEN = "disk-full-admin-token-0123456789";

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.embedded(registry, "disk-full");
    }

    @LocalServerPort
    int port;

    @Test
    void uploadsAreRefusedWith507AndEverythingElseGoesOn() {
        Api api = new Api("http://127.0.0.1:" + port, TOKEN);
        Api.Response opened = api.postJson("/api/v1/incidents", "{\"title\":\"Full\",\"severity\":\"LOW\"}");
        assertThat(opened.status()).isEqualTo(201);
        String incident = opened.json().path("id").asString();
        Api.Response up = api.postBytes(
                "/api/v1/incidents/" + incident + "/evidence?repository=AUDIT&kind=OTHER&name=x.txt",
                "x".getBytes(StandardCharsets.UTF_8));
        assertThat(up.status()).as(up.body()).isEqualTo(507);
        assertThat(up.body()).contains("insufficient-storage").contains("tandem.evidence.min-free-bytes");
        assertThat(api.get("/api/v1/incidents/" + incident + "/timeline").status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/incidents/" + incident + "/evidence").json())
                .isEmpty();
        assertThat(api.get("/api/v1/ledger/checkpoint").status()).isEqualTo(200);
    }
}
