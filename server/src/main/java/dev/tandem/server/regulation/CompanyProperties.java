package dev.tandem.server.regulation;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tandem.company.*} (environment {@code TANDEM_COMPANY_*}): the company as the notification
 * rules see it, the same facts the CLI takes as options ({@code --established}, {@code
 * --sec-registrant}, {@code --processor}, {@code --online-marketplace}).
 *
 * @param name the controller named in notice drafts
 * @param established ISO 3166-1 alpha-2 countries with an establishment; the first EU/EEA one is the
 *     main establishment
 * @param cardMerchant null: inferred as the CLI does (a breach involving PAYMENT_CARD data is a card
 *     merchant's); true or false: as configured
 * @param contact the GDPR Art. 33(3)(b) contact point for notice drafts
 * @param hipaaCoveredEntity {@code --hipaa-covered-entity}: a HIPAA covered entity
 * @param hipaaBusinessAssociate {@code --hipaa-business-associate}: a HIPAA business associate
 * @param financialInstitution {@code --financial-institution}: a GLBA financial institution
 * @param nydfsCovered {@code --nydfs-covered}: regulated by the NY Department of Financial Services
 * @param smallerReportingCompany {@code --smaller-reporting-company}: an SEC smaller reporting company
 * @param euRepresentative {@code --eu-representative}: the member state of the NIS2 Art. 26(3)
 *     representative of a company without an EU establishment
 */
@ConfigurationProperties("tandem.company")
public record CompanyProperties(
        @Nullable String name,
        @Nullable List<String> established,
        boolean secRegistrant,
        boolean processor,
        @Nullable Boolean cardMerchant,
        boolean onlineMarketplace,
        @Nullable Contact contact,
        boolean hipaaCoveredEntity,
        boolean hipaaBusinessAssociate,
        boolean financialInstitution,
        boolean nydfsCovered,
        boolean smallerReportingCompany,
        @Nullable String euRepresentative) {

    /** The data protection officer or other contact point. */
    public record Contact(
            @Nullable String name,
            @Nullable String role,
            @Nullable String email,
            @Nullable String phone) {}
}
