package dev.tandem.change;

import java.util.Locale;
import java.util.Optional;

/** What a change does; isolation and access restriction carry duties of their own (ChangeRules). */
public enum ChangeKind {
    ISOLATION,
    ACCESS_RESTRICTION,
    CREDENTIAL_ROTATION,
    CONFIGURATION,
    CODE;

    public static Optional<ChangeKind> parse(String s) {
        for (ChangeKind k : values()) {
            if (k.name().equals(s.strip().toUpperCase(Locale.ROOT))) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
