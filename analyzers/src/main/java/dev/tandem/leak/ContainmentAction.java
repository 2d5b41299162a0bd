package dev.tandem.leak;

/**
 * A change that would close a finding, as data, so that the server can turn it into a draft change
 * request: {@code configItem} names the configuration item the change touches (as the control
 * register and change requests name them), {@code description} says it for a person.
 */
public record ContainmentAction(Action action, Subject target, String configItem, String description) {

    /** The kinds of containment proposed. */
    public enum Action {
        REVOKE_PERMISSION,
        REMOVE_PERMISSION_SET_ASSIGNMENT,
        FREEZE_USER,
        REVOKE_SESSIONS,
        RESET_CREDENTIALS,
        RESTRICT_LOGIN_IP_RANGES,
        REVOKE_CONNECTED_APP_TOKENS,
        DEACTIVATE_SHARING_RULE,
        TIGHTEN_ORG_WIDE_DEFAULT,
        BLOCK_HOST_AT_EGRESS,
        REQUIRE_TLS,
        REMOVE_THIRD_PARTY_TAG,
        RESTRICT_API_RESPONSE_FIELDS,
        PURGE_COPIED_DATA,
        QUARANTINE_FILE
    }
}
