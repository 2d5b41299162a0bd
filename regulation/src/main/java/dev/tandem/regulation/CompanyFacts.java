package dev.tandem.regulation;

import java.util.List;

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
 */
public record CompanyFacts(
        List<String> establishedIn,
        boolean secRegistrant,
        boolean processor,
        boolean cardMerchant,
        boolean onlineMarketplace,
        boolean encryptedKeySafe) {
    public CompanyFacts {
        establishedIn = List.copyOf(establishedIn);
        for (String c : establishedIn) {
            RegionCodes.requireCountry(c, "establishment");
        }
    }

    public static CompanyFacts none() {
        return new CompanyFacts(List.of(), false, false, false, false, false);
    }
}
