package dev.tandem.server.regulation;

import dev.tandem.regulation.ObligationEngine;
import dev.tandem.regulation.RuleBook;
import dev.tandem.regulation.notice.ContactPoint;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The rule book (loaded and checked once, at start), the engine and the company's facts. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CompanyProperties.class, ReminderProperties.class})
class RegulationConfiguration {
    /** The demo retailer of {@code tandem demo}: established in Germany, as the README's comparison assumes. */
    static final List<String> DEMO_ESTABLISHED = List.of("DE");

    @Bean
    RuleBook ruleBook() {
        return RuleBook.standard();
    }

    @Bean
    ObligationEngine obligationEngine(RuleBook book, Clock clock) {
        return new ObligationEngine(book, clock);
    }

    /**
     * The configured company; in demo mode, when no establishment is configured, the demo retailer
     * (established in DE, with a demo contact point) so that the sample incident has GDPR duties.
     */
    @Bean
    Company company(CompanyProperties properties, Environment env) {
        Company c = Company.from(properties);
        if (env.getProperty("tandem.demo", Boolean.class, false)
                && c.established().isEmpty()) {
            return new Company(
                    c.name().isEmpty() ? "Demo Retail GmbH" : c.name(),
                    DEMO_ESTABLISHED,
                    c.secRegistrant(),
                    c.processor(),
                    c.cardMerchant(),
                    c.onlineMarketplace(),
                    c.contact() != null
                            ? c.contact()
                            : new ContactPoint(
                                    "Dana Schmidt",
                                    "Data Protection Officer",
                                    "dpo@demo-retail.example",
                                    "+49 30 1234567"),
                    c.regulated());
        }
        return c;
    }
}
