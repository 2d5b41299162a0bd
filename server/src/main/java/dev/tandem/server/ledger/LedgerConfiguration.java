package dev.tandem.server.ledger;

import dev.tandem.evidence.Directories;
import dev.tandem.ledger.Checkpoint;
import dev.tandem.ledger.MerkleLog;
import dev.tandem.ledger.NoteSigner;
import dev.tandem.server.Settings;
import dev.tandem.server.TandemProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opens the ledger at start-up: the installation (its id, the log origin and the pinned verifier
 * key), the signing key (from configuration or the data directory, created on first start), the
 * head row, and the sequencer.
 */
@Configuration(proxyBeanMethods = false)
class LedgerConfiguration {
    private static final Logger log = LoggerFactory.getLogger(LedgerConfiguration.class);
    static final String KEY_FILE = "ledger-signing.key";

    @Bean(destroyMethod = "close")
    Ledger ledger(
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            TandemProperties props,
            Clock clock,
            JsonMapper json,
            @Value("${tandem.ledger.queue-capacity:100000}") int queueCapacity,
            @Value("${tandem.ledger.queue-timeout:PT30S}") Duration queueTimeout)
            throws IOException {
        List<String[]> rows = installation(jdbc);
        if (rows.isEmpty()) {
            String newId = UUID.randomUUID().toString().substring(0, 8);
            String configuredOrigin = props.ledger().origin();
            boolean originConfigured = configuredOrigin != null && !configuredOrigin.isBlank();
            NoteSigner created = signer(props, originConfigured ? configuredOrigin : "tandem/" + newId);
            // The log's origin is its key's name (ADR 011), also when the key came from configuration
            // or from a key file that another process starting beside this one created first.
            String newOrigin = originConfigured ? configuredOrigin : created.keyName();
            try {
                jdbc.update(
                        "INSERT INTO installation (id, origin, verifier_key, created_at) VALUES (?, ?, ?, ?)",
                        newId,
                        newOrigin,
                        created.verifierKey(),
                        Timestamp.from(clock.instant()));
                log.info("new ledger {}; verifier key {}", newOrigin, created.verifierKey());
            } catch (DuplicateKeyException e) {
                // Another process sharing this database created the installation first: use its row.
                log.info("another server process created this database's ledger first");
            }
            rows = installation(jdbc);
        }
        String origin = rows.getFirst()[1];
        String pinned = rows.getFirst()[2];
        NoteSigner signer = existing(props, pinned);
        if (!pinned.equals(signer.verifierKey())) {
            throw new Settings.Refused("this database's ledger is signed with " + pinned + " but "
                    + (configured(props)
                            ? "the configured signing key (TANDEM_LEDGER_SIGNING_KEY) is "
                            : "the signing key file " + keyFile(props) + " holds ")
                    + signer.verifierKey()
                    + ": give every server process sharing this database the same key (TANDEM_LEDGER_SIGNING_KEY)");
        }
        Integer heads = jdbc.queryForObject("SELECT COUNT(*) FROM ledger_head", Integer.class);
        if (heads == null || heads == 0) {
            byte[] empty = MerkleLog.emptyRootHash();
            try {
                jdbc.update(
                        "INSERT INTO ledger_head (id, tree_size, root_hash, checkpoint) VALUES (1, 0, ?, ?)",
                        empty,
                        signer.sign(new Checkpoint(origin, 0, empty).text()));
            } catch (DuplicateKeyException e) {
                // another process sharing this database inserted the head row first; it is the same empty log
            }
        }
        var sequencer = new LedgerSequencer(
                jdbc,
                tx,
                signer,
                origin,
                clock,
                json,
                props.ledger().batchSize(),
                props.ledger().checkpointInterval(),
                queueCapacity,
                queueTimeout);
        sequencer.start();
        return new Ledger(sequencer, jdbc, signer, origin);
    }

    private static boolean configured(TandemProperties props) {
        String configured = props.ledger().signingKey();
        return configured != null && !configured.isBlank();
    }

    private static Path keyFile(TandemProperties props) {
        return props.dataDir().resolve("keys").resolve(KEY_FILE);
    }

    /**
     * The signing key of a ledger that exists: configured, or the data directory's key file. None is
     * created: a missing file is refused with the key the ledger is signed with, the file left absent.
     */
    private static NoteSigner existing(TandemProperties props, String pinned) throws IOException {
        if (configured(props)) {
            return NoteSigner.fromPrivateKey(props.ledger().signingKey().strip());
        }
        Path file = keyFile(props);
        if (!Files.exists(file)) {
            String[] name = pinned.split("\\+", 3);
            throw new Settings.Refused("the signing key file " + file + " is missing; this database's ledger is"
                    + " signed with the key " + name[0] + "+" + (name.length > 1 ? name[1] : "")
                    + ": restore the file from a backup, or set TANDEM_LEDGER_SIGNING_KEY to the key every"
                    + " server process sharing this database uses");
        }
        return read(file);
    }

    private static NoteSigner read(Path file) throws IOException {
        return NoteSigner.fromPrivateKey(
                Files.readString(file, StandardCharsets.US_ASCII).strip());
    }

    private static NoteSigner signer(TandemProperties props, String origin) throws IOException {
        if (configured(props)) {
            if (Files.exists(keyFile(props))) {
                log.warn(
                        "the signing key is configured (TANDEM_LEDGER_SIGNING_KEY) and the key file {} is present"
                                + " too: backups of the data directory take it; delete it once the configured key"
                                + " is kept elsewhere (docs/operations.md)",
                        keyFile(props));
            }
            return NoteSigner.fromPrivateKey(props.ledger().signingKey().strip());
        }
        Path file = keyFile(props);
        if (Files.exists(file)) {
            return read(file);
        }
        NoteSigner created = NoteSigner.generate(origin);
        Files.createDirectories(file.getParent());
        // A temporary file of this process's own, then a hard link to the final name: the link fails
        // if another process sharing this data directory created the key first, and that key wins.
        Path tmp = Files.createTempFile(file.getParent(), KEY_FILE + ".", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                log.warn("cannot restrict permissions of {} on this filesystem", tmp);
            }
            Files.writeString(
                    tmp,
                    created.privateKey() + "\n",
                    StandardCharsets.US_ASCII,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC);
            try {
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                log.info("another server process created {} first", file);
                return read(file);
            } catch (UnsupportedOperationException e) {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        Directories.sync(file.getParent());
        log.info("created ledger signing key {}", file);
        return created;
    }

    private static List<String[]> installation(JdbcTemplate jdbc) {
        return jdbc.query("SELECT id, origin, verifier_key FROM installation", (rs, n) ->
                new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
    }
}
