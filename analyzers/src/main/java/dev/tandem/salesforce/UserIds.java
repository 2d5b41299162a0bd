package dev.tandem.salesforce;

/**
 * User record ids as the query exports of LoginHistory ({@code UserId}) and SetupAuditTrail
 * ({@code CreatedById}) carry them: 15 or 18 letters and digits with the User key prefix
 * {@code 005} (Object Reference, "Object IDs").
 */
final class UserIds {
    private UserIds() {}

    /**
     * The 15-character form of a user id (its 18-character form adds a case checksum: the same
     * user), anything else as given: a user written both ways is one user.
     */
    static String canonical(String s) {
        return s.length() == 18 && looksLikeUserId(s) ? s.substring(0, 15) : s;
    }

    static boolean looksLikeUserId(String s) {
        int n = s.length();
        if ((n != 15 && n != 18) || !s.startsWith("005")) {
            return false;
        }
        for (int i = 3; i < n; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }
}
