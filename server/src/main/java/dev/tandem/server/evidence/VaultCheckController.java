package dev.tandem.server.evidence;

import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import java.io.IOException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/admin/vault/check} (administrators, docs/access.md): re-hashes every stored
 * blob against its record and answers {@code {"checked","intact","problems":[{"sha256","status",
 * "owners","detail"}]}}, {@code status} {@code damaged} or {@code missing} (docs/operations.md).
 */
@RestController
class VaultCheckController {
    private final Vault vault;

    VaultCheckController(Vault vault) {
        this.vault = vault;
    }

    @PostMapping("/api/v1/admin/vault/check")
    @Guard(Action.VAULT_CHECK)
    Vault.CheckResult check() throws IOException {
        return vault.check();
    }
}
