package dev.tandem.regulation;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the company is, as far as the rules care.
 *
 * @param establishedIn ISO 3166-1 alpha-2 codes of countries with an establishment, in order; the
 *     first EU/EEA one is taken as the main establishment (NIS2 Art. 26(1)(b))
 * @param secRegistrant listed in the US (files Form 8-K)
 * @param processor acting for a controller (GDPR Art. 28) rather than as the controller
 * @param cardMerchant accepts payment cards (PCI DSS, card-brand rules)
 * @param onlineMarketplace provides an online marketplace (NIS2 Annex II digital provider)
 * @param encryptedKeySafe the data were encrypted and the key was not compromised (safe harbour)
 * @param hipaaCoveredEntity a HIPAA covered entity (45 CFR 160.103)
 * @param hipaaBusinessAssociate a HIPAA business associate (45 CFR 160.103)
 * @param financialInstitution a financial institution under the Gramm-Leach-Bliley Act
 * @param nydfsCovered regulated by the New York Department of Financial Services (23 NYCRR 500)
 * @param unauthorizedAccess the incident was caused by an outsider's unauthorized access (hacking,
 *     ransomware): reportable whatever its size under APPI and PIPA
 * @param smallerReportingCompany a smaller reporting company (SEC; Item 1.05 from 2024-06-15)
 * @param euRepresentative the member state of the representative a company without an EU/EEA
 *     establishment designated (NIS2 Art. 26(3)), or null
 */
public record CompanyFacts(
        List<String> establishedIn,
        boolean secRegistrant,
        boolean processor,
        boolean cardMerchant,
        boolean onlineMarketplace,
        boolean encryptedKeySafe,
        boolean hipaaCoveredEntity,
        boolean hipaaBusinessAssociate,
        boolean financialInstitution,
        boolean nydfsCovered,
        boolean unauthorizedAccess,
        boolean smallerReportingCompany,
        @Nullable String euRepresentative) {
    public CompanyFacts {
        establishedIn = List.copyOf(establishedIn);
        for (String c : establishedIn) {
            RegionCodes.requireCountry(c, "establishment");
        }
        if (euRepresentative != null) {
            RegionCodes.requireCountry(euRepresentative, "EU representative");
        }
    }

    /** The facts the first rule book knew; the others false. */
    public CompanyFacts(
            List<String> establishedIn,
            boolean secRegistrant,
            boolean processor,
            boolean cardMerchant,
            boolean onlineMarketplace,
            boolean encryptedKeySafe) {
        this(
                establishedIn,
                secRegistrant,
                processor,
                cardMerchant,
                onlineMarketplace,
                encryptedKeySafe,
                false,
                false,
                false,
                false,
                false,
                false,
                null);
    }

    public static CompanyFacts none() {
        return new CompanyFacts(List.of(), false, false, false, false, false);
    }
}
