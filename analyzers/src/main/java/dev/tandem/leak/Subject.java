package dev.tandem.leak;

/** The thing a finding is about, and what containment acts on: a user by username, a host by name. */
public record Subject(SubjectKind kind, String id) {
    @Override
    public String toString() {
        return kind + " " + id;
    }
}
