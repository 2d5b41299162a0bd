package dev.tandem.server.access;

import dev.tandem.evidence.Repository;
import dev.tandem.server.DomainException;
import org.jspecify.annotations.Nullable;

/**
 * The repository an upload asks for, read one way wherever it is read: by {@link AccessInterceptor}
 * for the policy's decision before the body, and by the upload handlers for the item they store.
 * So the policy decides on exactly the repository that is stored, and a value that names neither
 * repository is refused, never taken for "no repository".
 */
public final class UploadRepository {
    /** The API's query parameter and the form's field. */
    public static final String PARAMETER = "repository";

    private UploadRepository() {}

    /**
     * {@code FORENSIC} or {@code AUDIT}, surrounding white space ignored.
     *
     * @throws DomainException 422 {@code bad-repository} naming the parameter and the value given
     */
    public static Repository parse(@Nullable String asked) {
        return Repository.parse(asked == null ? "" : asked.strip())
                .orElseThrow(() -> DomainException.unprocessable(
                        "bad-repository",
                        PARAMETER + ": must be FORENSIC or AUDIT, got "
                                + (asked == null ? "none" : "\"" + asked + "\"")));
    }
}
