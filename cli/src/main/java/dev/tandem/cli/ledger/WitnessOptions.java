package dev.tandem.cli.ledger;

import dev.tandem.ledger.CosignatureVerifier;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --witness-key K}… and {@code --quorum N}, shared by {@code tandem verify} and {@code tandem ledger verify}. */
public final class WitnessOptions {
    @Option(
            names = "--witness-key",
            paramLabel = "K",
            description = "A witness's key (C2SP vkey) whose cosignature the checkpoint must carry; repeatable.")
    List<String> keys = new ArrayList<>();

    @Option(
            names = "--quorum",
            paramLabel = "N",
            description = "Cosignatures needed from the --witness-key witnesses (default: all of them).")
    @Nullable
    Integer quorum;

    public List<String> keys() {
        return List.copyOf(keys);
    }

    /** The quorum asked for, or every witness given. */
    public int quorum() {
        return quorum != null ? quorum : keys.size();
    }

    /** What is wrong with the options, for a usage error; null when they are usable. */
    public @Nullable String problem() {
        for (String k : keys) {
            try {
                CosignatureVerifier.parse(k);
            } catch (IllegalArgumentException e) {
                return "--witness-key " + k + ": " + e.getMessage();
            }
        }
        if (quorum() < 0 || quorum() > keys.size()) {
            return "--quorum must be between 0 and the number of --witness-key (" + keys.size() + "), was " + quorum();
        }
        return null;
    }
}
