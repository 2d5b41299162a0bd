package dev.tandem.leak;

/** What a finding is about (docs/contracts.md §4). */
public enum SubjectKind {
    USER,
    PROFILE,
    PERMISSION_SET,
    SHARING_RULE,
    OBJECT,
    CONNECTED_APP,
    HOST,
    ENDPOINT,
    FILE
}
