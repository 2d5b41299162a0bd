package dev.tandem.leak;

import dev.tandem.intake.SafeZip;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Configurable thresholds. Fixed numbers are floors; the rules also compare each user with the
 * baseline learned from the same logs (usual daily volume, known IPs, usual login hours). The
 * defaults and the reason for each are in docs/leak-patterns.md.
 *
 * @param minBulkRecords customer rows read in one session (or by one integration user) before a
 *     read counts as bulk
 * @param volumeFactor how many times a user's usual (median) daily volume counts as unusual
 * @param minHistoryDays days of a user's activity needed before an IP can be called new
 * @param minExportRecords rows in one export (report export, data export file) before it counts
 * @param unusualHourShare share of a user's logins at an hour (±1) below which the hour is unusual
 * @param minLoginsForHours logins needed before hours are judged
 * @param failedLoginsBefore failed logins within an hour before a session that make it suspicious
 * @param correlationWindow how far apart events may be and still be joined (extract → copy)
 * @param customerObjects objects whose records are customer data
 * @param firstPartyDomains registrable domains that are the company's own, besides the page's
 * @param approvedProcessors third parties that may receive checkout data (payment processors)
 * @param checkoutMarkers URL fragments that mark checkout and payment pages
 * @param productApiMarkers URL path fragments that mark product/discovery APIs
 * @param maxEvidence evidence lines kept per finding
 */
public record Thresholds(
        long minBulkRecords,
        double volumeFactor,
        int minHistoryDays,
        long minExportRecords,
        double unusualHourShare,
        int minLoginsForHours,
        int failedLoginsBefore,
        Duration correlationWindow,
        Set<String> customerObjects,
        Set<String> firstPartyDomains,
        Set<String> approvedProcessors,
        List<String> checkoutMarkers,
        List<String> productApiMarkers,
        SafeZip.Limits zipLimits,
        int maxBodyBytes,
        int rowProblemsListed,
        int maxEvidence) {

    /** Rows one session reads that count as bulk, by default ({@code tandem analyze --min-bulk-records}). */
    public static final long DEFAULT_MIN_BULK_RECORDS = 5_000;

    /** Rows of one export that count, by default ({@code tandem analyze --min-export-records}). */
    public static final long DEFAULT_MIN_EXPORT_RECORDS = 1_000;

    public static Thresholds defaults() {
        return new Thresholds(
                DEFAULT_MIN_BULK_RECORDS,
                10.0,
                3,
                DEFAULT_MIN_EXPORT_RECORDS,
                0.02,
                10,
                3,
                Duration.ofHours(24),
                Set.of(
                        "Account",
                        "Contact",
                        "Lead",
                        "Case",
                        "Opportunity",
                        "Order",
                        "OrderItem",
                        "Individual",
                        "Contract",
                        "Quote",
                        "CampaignMember",
                        "Asset"),
                Set.of(),
                Set.of("stripe.com", "braintreegateway.com", "adyen.com", "paypal.com"),
                // checkout and payment pages, also as European shops name them (sv/nl kassa, de/da/no
                // kasse, nl afrekenen, fr paiement, es/pt pago/pagamento, it cassa, de zahlung)
                List.of(
                        "checkout",
                        "/cart",
                        "/basket",
                        "/payment",
                        "/pay/",
                        "/kassa",
                        "/kasse",
                        "/afrekenen",
                        "/paiement",
                        "/pago",
                        "/pagamento",
                        "/cassa",
                        "/zahlung"),
                List.of("/product", "/catalog", "/search", "/recommend", "/discover", "/browse", "/sku"),
                SafeZip.Limits.defaults(),
                8 * 1024 * 1024,
                20,
                12);
    }

    public Thresholds withMinBulkRecords(long v) {
        return new Thresholds(
                v,
                volumeFactor,
                minHistoryDays,
                minExportRecords,
                unusualHourShare,
                minLoginsForHours,
                failedLoginsBefore,
                correlationWindow,
                customerObjects,
                firstPartyDomains,
                approvedProcessors,
                checkoutMarkers,
                productApiMarkers,
                zipLimits,
                maxBodyBytes,
                rowProblemsListed,
                maxEvidence);
    }

    public Thresholds withMinExportRecords(long v) {
        return new Thresholds(
                minBulkRecords,
                volumeFactor,
                minHistoryDays,
                v,
                unusualHourShare,
                minLoginsForHours,
                failedLoginsBefore,
                correlationWindow,
                customerObjects,
                firstPartyDomains,
                approvedProcessors,
                checkoutMarkers,
                productApiMarkers,
                zipLimits,
                maxBodyBytes,
                rowProblemsListed,
                maxEvidence);
    }

    public Thresholds withFirstPartyDomains(Set<String> v) {
        return new Thresholds(
                minBulkRecords,
                volumeFactor,
                minHistoryDays,
                minExportRecords,
                unusualHourShare,
                minLoginsForHours,
                failedLoginsBefore,
                correlationWindow,
                customerObjects,
                Set.copyOf(v),
                approvedProcessors,
                checkoutMarkers,
                productApiMarkers,
                zipLimits,
                maxBodyBytes,
                rowProblemsListed,
                maxEvidence);
    }

    public Thresholds withZipLimits(SafeZip.Limits v) {
        return new Thresholds(
                minBulkRecords,
                volumeFactor,
                minHistoryDays,
                minExportRecords,
                unusualHourShare,
                minLoginsForHours,
                failedLoginsBefore,
                correlationWindow,
                customerObjects,
                firstPartyDomains,
                approvedProcessors,
                checkoutMarkers,
                productApiMarkers,
                v,
                maxBodyBytes,
                rowProblemsListed,
                maxEvidence);
    }
}
