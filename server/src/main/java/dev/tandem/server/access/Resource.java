package dev.tandem.server.access;

import dev.tandem.evidence.Repository;
import org.jspecify.annotations.Nullable;

/**
 * What a request acts on, as resolved before the policy is asked: the incident it belongs to and,
 * for evidence, the item and its repository.
 *
 * @param incident null for installation-wide actions
 * @param evidence the evidence item's id, for evidence actions
 * @param repository the item's repository (for an upload, the one asked for, read by {@link
 *     UploadRepository}; null while it is still in the body)
 * @param user the user named by the path, for user actions; for a job, who requested it
 */
public record Resource(
        @Nullable String incident,
        @Nullable String evidence,
        @Nullable Repository repository,
        @Nullable String user) {

    public static final Resource INSTALLATION = new Resource(null, null, null, null);

    public static Resource incident(String id) {
        return new Resource(id, null, null, null);
    }

    public static Resource upload(String incident, @Nullable Repository repository) {
        return new Resource(incident, null, repository, null);
    }

    public static Resource evidence(String incident, String evidence, Repository repository) {
        return new Resource(incident, evidence, repository, null);
    }

    public static Resource job(String incident, String requestedBy) {
        return new Resource(incident, null, null, requestedBy);
    }

    public static Resource user(String username) {
        return new Resource(null, null, null, username);
    }
}
