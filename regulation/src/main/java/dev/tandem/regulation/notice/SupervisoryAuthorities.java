package dev.tandem.regulation.notice;

import dev.tandem.regulation.RegionCodes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Whom a GDPR Art. 33 notice is addressed to when the controller is established in the EU/EEA: the
 * supervisory authority of the member state of its (main) establishment (GDPR Art. 55(1), 56(1)),
 * by name, the members of the European Data Protection Board as they name themselves (ADR 141 lists
 * the public sources each name was checked against). Germany has no one authority for companies (each Land's supervises the
 * companies established there, § 40 BDSG), and a controller established in several member states
 * chooses its main establishment: both stay a gap of the notice.
 */
public final class SupervisoryAuthorities {
    private SupervisoryAuthorities() {}

    /**
     * The authority supervising companies in each EU/EEA member state (ISO 3166-1 alpha-2, Greece
     * {@code GR} as the rule book writes it), in the name it uses in a Latin-script official
     * language of its state (in English for Bulgaria, Greece and Cyprus), with the short name it is
     * known by. Germany is absent on purpose.
     */
    private static final Map<String, String> COMPANIES = Map.ofEntries(
            Map.entry("AT", "Österreichische Datenschutzbehörde (DSB)"),
            Map.entry("BE", "Autorité de protection des données / Gegevensbeschermingsautoriteit (APD/GBA)"),
            Map.entry("BG", "Commission for Personal Data Protection (CPDP)"),
            Map.entry("HR", "Agencija za zaštitu osobnih podataka (AZOP)"),
            Map.entry("CY", "Commissioner for Personal Data Protection"),
            Map.entry("CZ", "Úřad pro ochranu osobních údajů (ÚOOÚ)"),
            Map.entry("DK", "Datatilsynet"),
            Map.entry("EE", "Andmekaitse Inspektsioon (AKI)"),
            Map.entry("FI", "Tietosuojavaltuutetun toimisto (Office of the Data Protection Ombudsman)"),
            Map.entry("FR", "Commission nationale de l'informatique et des libertés (CNIL)"),
            Map.entry("GR", "Hellenic Data Protection Authority (HDPA)"),
            Map.entry("HU", "Nemzeti Adatvédelmi és Információszabadság Hatóság (NAIH)"),
            Map.entry("IE", "Data Protection Commission"),
            Map.entry("IT", "Garante per la protezione dei dati personali"),
            Map.entry("LV", "Datu valsts inspekcija (DVI)"),
            Map.entry("LT", "Valstybinė duomenų apsaugos inspekcija (VDAI)"),
            Map.entry("LU", "Commission nationale pour la protection des données (CNPD)"),
            Map.entry("MT", "Information and Data Protection Commissioner (IDPC)"),
            Map.entry("NL", "Autoriteit Persoonsgegevens"),
            Map.entry("PL", "Urząd Ochrony Danych Osobowych (UODO)"),
            Map.entry("PT", "Comissão Nacional de Proteção de Dados (CNPD)"),
            Map.entry(
                    "RO", "Autoritatea Națională de Supraveghere a Prelucrării Datelor cu Caracter Personal (ANSPDCP)"),
            Map.entry("SK", "Úrad na ochranu osobných údajov Slovenskej republiky"),
            Map.entry("SI", "Informacijski pooblaščenec"),
            // the regional authorities of Catalonia, the Basque Country and Andalusia supervise the
            // public sector of their communities only (LOPDGDD Art. 57): companies answer to the AEPD
            Map.entry("ES", "Agencia Española de Protección de Datos (AEPD)"),
            Map.entry("SE", "Integritetsskyddsmyndigheten (IMY)"),
            Map.entry("IS", "Persónuvernd"),
            Map.entry("LI", "Datenschutzstelle"),
            Map.entry("NO", "Datatilsynet"));

    /**
     * The name of the authority supervising companies established in {@code country} (an ISO 3166-1
     * code, or an ISO 3166-2 one, read as its country), or null where there is no one such
     * authority (Germany) or the code is no EU/EEA member state's.
     */
    public static @Nullable String forCompaniesIn(String country) {
        return COMPANIES.get(RegionCodes.countryOf(country));
    }

    /**
     * The addressee line of the notice of a controller established in {@code established} (EU/EEA
     * countries): the authority by name with its member state and the articles that make it the one
     * (one member state, Germany excepted); otherwise a "[to be completed: …]" gap saying how it is
     * to be chosen, which the notice is not sent with unconfirmed ({@link NoticeGaps}).
     */
    public static String lead(List<String> established) {
        Set<String> countries = new TreeSet<>();
        established.forEach(c -> countries.add(RegionCodes.countryOf(c)));
        if (countries.size() != 1) {
            return "Lead supervisory authority (GDPR Art. 56(1)): [to be completed: the supervisory authority of the"
                    + " main establishment"
                    + (countries.isEmpty() ? "" : " among " + String.join(", ", countries))
                    + "]";
        }
        String country = countries.iterator().next();
        if (country.equals("DE")) {
            // Germany has no single authority for companies: each Land's supervises those established there
            return "Lead supervisory authority (GDPR Art. 56(1)): [to be completed: in Germany the data protection"
                    + " authority of the Land of the main establishment (§ 40 BDSG); name it here]";
        }
        String name = forCompaniesIn(country);
        if (name == null) {
            return "Lead supervisory authority (GDPR Art. 56(1)): [to be completed: the supervisory authority of "
                    + country + ", where the controller is established]";
        }
        return name + ", the supervisory authority of " + country + ", where the controller is established (GDPR"
                + " Art. 55(1), 56(1))";
    }
}
