package dev.tandem.salesforce;

/**
 * User record ids as the query exports of LoginHistory ({@code UserId}) and SetupAuditTrail
 * ({@code CreatedById}) carry them: 15 or 18 letters and digits with the User key prefix
 * {@code 005} (Object Reference, "Object IDs").
 */
final class UserIds {
    private UserIds() {}

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
