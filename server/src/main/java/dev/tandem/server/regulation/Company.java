package dev.tandem.server.regulation;

import dev.tandem.regulation.CompanyFacts;
import dev.tandem.regulation.DataCategory;
import dev.tandem.regulation.notice.ContactPoint;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The company's facts from configuration, checked at start (an unknown country code stops the
 * server with a message naming it), and turned into the engine's {@link CompanyFacts} for a scope.
 */
public record Company(
        String name,
        List<String> established,
        boolean secRegistrant,
        boolean processor,
        @Nullable Boolean cardMerchant,
        boolean onlineMarketplace,
        @Nullable ContactPoint contact,
        Regulated regulated) {

    /**
     * How the company is regulated beyond the first facts: the {@code tandem deadlines} flags of the
     * same names (docs/contracts.md §4).
     */
    public record Regulated(
            boolean hipaaCoveredEntity,
            boolean hipaaBusinessAssociate,
            boolean financialInstitution,
            boolean nydfsCovered,
            boolean smallerReportingCompany,
            @Nullable String euRepresentative) {
        public static final Regulated NONE = new Regulated(false, false, false, false, false, null);

        public Regulated {
            euRepresentative = euRepresentative == null || euRepresentative.isBlank()
                    ? null
                    : euRepresentative.strip().toUpperCase(Locale.ROOT);
        }
    }

    public Company {
        established = established.stream()
                .map(c -> c.strip().toUpperCase(Locale.ROOT))
                .filter(c -> !c.isEmpty())
                .toList();
        // CompanyFacts checks the codes: a typo in TANDEM_COMPANY_ESTABLISHED fails at start, by name.
        facts(established, secRegistrant, processor, false, onlineMarketplace, false, regulated, false);
    }

    private static CompanyFacts facts(
            List<String> established,
            boolean secRegistrant,
            boolean processor,
            boolean cardMerchant,
            boolean onlineMarketplace,
            boolean encrypted,
            Regulated r,
            boolean unauthorizedAccess) {
        return new CompanyFacts(
                established,
                secRegistrant,
                processor,
                cardMerchant,
                onlineMarketplace,
                encrypted,
                r.hipaaCoveredEntity(),
                r.hipaaBusinessAssociate(),
                r.financialInstitution(),
                r.nydfsCovered(),
                unauthorizedAccess,
                r.smallerReportingCompany(),
                r.euRepresentative());
    }

    static Company from(CompanyProperties p) {
        CompanyProperties.Contact c = p.contact();
        ContactPoint contact = c == null || blank(c.name())
                ? null
                : new ContactPoint(
                        text(c.name()),
                        orGap(c.role(), "role of the contact point"),
                        orGap(c.email(), "contact e-mail"),
                        orGap(c.phone(), "contact telephone"));
        return new Company(
                text(p.name()),
                p.established() == null ? List.of() : p.established(),
                p.secRegistrant(),
                p.processor(),
                p.cardMerchant(),
                p.onlineMarketplace(),
                contact,
                new Regulated(
                        p.hipaaCoveredEntity(),
                        p.hipaaBusinessAssociate(),
                        p.financialInstitution(),
                        p.nydfsCovered(),
                        p.smallerReportingCompany(),
                        p.euRepresentative()));
    }

    /**
     * The engine's facts for one incident. Card-merchant status, when not configured, follows the
     * CLI: a breach involving payment-card data is taken to be a card merchant's.
     */
    public CompanyFacts factsFor(Scope scope) {
        return factsFor(scope, IncidentFacts.NONE);
    }

    /** As {@link #factsFor(Scope)}, with what is known of the incident's cause (unauthorized access). */
    public CompanyFacts factsFor(Scope scope, IncidentFacts incident) {
        return facts(
                established,
                secRegistrant,
                processor,
                cardMerchantFor(scope),
                onlineMarketplace,
                scope.encrypted(),
                regulated,
                incident.unauthorizedAccess());
    }

    boolean cardMerchantFor(Scope scope) {
        return cardMerchant != null ? cardMerchant : scope.data().contains(DataCategory.PAYMENT_CARD);
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    /** A missing detail shows in the notice draft as a gap, as the drafter shows its own. */
    private static String orGap(@Nullable String s, String what) {
        return blank(s) ? "[to be completed: " + what + "]" : text(s);
    }

    private static String text(@Nullable String s) {
        return s == null ? "" : s.strip();
    }
}
