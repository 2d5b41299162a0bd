package dev.tandem.leak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Captures and configuration written the way the real tools write them, not by the generator:
 * Chrome DevTools "Save all as HAR with content" (pages titled with their URL, {@code pageref},
 * {@code _resourceType}, HTTP/2 pseudo-headers, Referer reduced to the origin on cross-origin
 * requests), mitmproxy's {@code save.har} ({@code "pages": []}, no {@code pageref}, {@code
 * postData.params} beside the text), and Salesforce source-format metadata retrieved with {@code sf
 * project retrieve start} (Workflow outbound messages, RemoteSiteSetting, NamedCredential with
 * parameters, ExternalDataSource through {@code callout:}, an external object and its fields).
 */
class RealToolFormatsTest {

    private static Path resource(String name) {
        try {
            return Path.of(Objects.requireNonNull(RealToolFormatsTest.class.getResource("/" + name), name)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AnalysisResult analyze(Path root, List<Path> files) throws InterruptedException {
        List<AnalysisInput> inputs = files.stream()
                .map(p -> AnalysisInput.of(root.relativize(p).toString(), p))
                .toList();
        return new LeakAnalyzer().analyze(inputs, ProgressListener.NONE);
    }

    private static List<Path> tree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void chromeExportReportsPersonalDataToAThirdPartyFromAnyStorefrontPageAndRaisesItOnCheckout() throws Exception {
        Path har = resource("captures/chrome-devtools-storefront.har");
        AnalysisResult r = analyze(har.getParent(), List.of(har));

        assertThat(r.problems()).isEmpty();
        assertThat(r.inputs()).extracting(AnalyzedInput::format).containsExactly("har");
        // the newsletter widget on a product page: a storefront page, not checkout
        assertThat(r.findings())
                .filteredOn(f -> f.subject().id().equals("track.beaconly-analytics.com"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.pattern()).isEqualTo(LeakPattern.CHECKOUT_PII_TO_THIRD_PARTY);
                    assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
                    assertThat(f.title()).startsWith("Storefront page sends email");
                    assertThat(f.rationale()).contains("/products/trail-runner-2");
                });
        // the conversion pixel on the checkout page: Referer is only the origin, the page is page_2's
        assertThat(r.findings())
                .filteredOn(f -> f.subject().id().equals("collect.adsignal.io"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.HIGH);
                    assertThat(f.title()).startsWith("Checkout sends email, phone, name, address");
                    assertThat(f.rationale()).contains("https://www.northwind-outfitters.com/checkout/shipping");
                    assertThat(f.records()).isEqualTo(1L);
                });
        // the approved processor gets the card; product data with people's names in it is not a person
        assertThat(r.findings()).extracting(f -> f.subject().id()).doesNotContain("api.stripe.com");
        assertThat(r.findings())
                .noneSatisfy(f -> assertThat(f.pattern()).isEqualTo(LeakPattern.EXCESSIVE_API_RESPONSE_DATA));
        assertThat(r.findings()).hasSize(2);
    }

    @Test
    void mitmproxyExportWithoutPagesInfersTheCheckoutPageFromTheNavigationBeforeTheRequest() throws Exception {
        Path har = resource("captures/mitmproxy-checkout-no-pages.har");
        AnalysisResult r = analyze(har.getParent(), List.of(har));

        assertThat(r.problems()).isEmpty();
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.pattern()).isEqualTo(LeakPattern.CHECKOUT_PII_TO_THIRD_PARTY);
            assertThat(f.subject()).isEqualTo(new Subject(SubjectKind.HOST, "px.retarget-hub.net"));
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.title()).startsWith("Checkout sends email");
            assertThat(f.rationale())
                    .contains("https://shop.lindqvist-home.se/kassa")
                    .contains("inferred from the navigation before it in the capture");
            assertThat(f.evidence())
                    .singleElement()
                    .satisfies(e -> assertThat(e.line()).isGreaterThan(1));
        });
    }

    @Test
    void withoutNavigationsTheRefererOriginStillMakesAStorefrontFinding() throws Exception {
        String har = """
                {"log": {"version": "1.2", "creator": {"name": "Charles Proxy", "version": "4.6.6"}, "entries": [
                  {"startedDateTime": "2026-03-14T09:34:16.004+01:00", "time": 41,
                   "request": {"method": "POST", "url": "https://px.retarget-hub.net/v2/conversion",
                     "httpVersion": "HTTP/1.1", "cookies": [], "queryString": [], "headersSize": 412, "bodySize": 52,
                     "headers": [{"name": "Referer", "value": "https://shop.lindqvist-home.se/"},
                                 {"name": "Content-Type", "value": "application/json"}],
                     "postData": {"mimeType": "application/json", "text": "{\\"em\\":\\"astrid.l@example.se\\"}"}},
                   "response": {"status": 204, "statusText": "No Content", "httpVersion": "HTTP/1.1", "cookies": [],
                     "headers": [], "content": {"size": 0, "mimeType": ""}, "redirectURL": "", "headersSize": 120,
                     "bodySize": 0}, "cache": {}, "timings": {"send": 0, "wait": 40, "receive": 1}}]}}
                """;
        AnalysisResult r = new LeakAnalyzer()
                .analyze(
                        List.of(AnalysisInput.of(
                                "charles-session.har",
                                new java.io.ByteArrayInputStream(
                                        har.getBytes(java.nio.charset.StandardCharsets.UTF_8)))),
                        ProgressListener.NONE);
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.rationale()).contains("inferred from the Referer origin");
        });
    }

    @Test
    void aRequestFromAnEmbeddedFrameBelongsToThePageAroundIt() throws Exception {
        // a proxy capture: the shop's checkout navigation, then a chat widget's frame posting the
        // buyer's e-mail to its vendor (the frame's own URL is the Referer)
        String har = """
                {"log": {"version": "1.2", "creator": {"name": "mitmproxy exporthar", "version": "0.1"},
                  "pages": [], "entries": [
                  {"startedDateTime": "2026-03-14T09:33:41.771005+00:00", "time": 40,
                   "request": {"method": "GET", "url": "https://shop.lindqvist-home.se/kassa", "httpVersion": "HTTP/2.0",
                     "headers": [{"name": "sec-fetch-mode", "value": "navigate"}, {"name": "sec-fetch-dest", "value": "document"}],
                     "cookies": [], "queryString": [], "headersSize": 90, "bodySize": 0},
                   "response": {"status": 200, "statusText": "", "httpVersion": "HTTP/2.0", "cookies": [], "headers": [],
                     "content": {"size": 20, "mimeType": "text/html", "text": "<html></html>"}, "redirectURL": "",
                     "headersSize": 10, "bodySize": 20}, "cache": {}, "timings": {"send": 0, "wait": 39, "receive": 1}},
                  {"startedDateTime": "2026-03-14T09:34:02.104311+00:00", "time": 52,
                   "request": {"method": "POST", "url": "https://api.chatnow-widget.io/v1/visitors", "httpVersion": "HTTP/2.0",
                     "headers": [{"name": "referer", "value": "https://embed.chatnow-widget.io/frame/lindqvist?v=3"},
                                 {"name": "content-type", "value": "application/json"}],
                     "cookies": [], "queryString": [], "headersSize": 140, "bodySize": 61,
                     "postData": {"mimeType": "application/json",
                       "text": "{\\"visitor\\":{\\"email\\":\\"astrid.l@example.se\\",\\"name\\":\\"Astrid Lindqvist\\"}}",
                       "params": []}},
                   "response": {"status": 201, "statusText": "", "httpVersion": "HTTP/2.0", "cookies": [], "headers": [],
                     "content": {"size": 2, "mimeType": "application/json", "text": "{}"}, "redirectURL": "",
                     "headersSize": 10, "bodySize": 2}, "cache": {}, "timings": {"send": 0, "wait": 51, "receive": 1}}]}}
                """;
        AnalysisResult r = new LeakAnalyzer()
                .analyze(
                        List.of(AnalysisInput.of(
                                "proxy.har",
                                new java.io.ByteArrayInputStream(
                                        har.getBytes(java.nio.charset.StandardCharsets.UTF_8)))),
                        ProgressListener.NONE);
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.subject().id()).isEqualTo("api.chatnow-widget.io");
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.title()).startsWith("Checkout sends email, name");
            assertThat(f.rationale()).contains("https://shop.lindqvist-home.se/kassa");
        });
    }

    @Test
    void plainHttpEndpointsConfiguredWithoutTrafficAreFindingsOfTheirOwn() throws Exception {
        Path root = resource("config-without-traffic");
        List<Path> metadata = tree(root.resolve("force-app"));
        AnalysisResult r = analyze(root, metadata);

        assertThat(r.problems()).isEmpty();
        assertThat(r.findings())
                .allSatisfy(f -> {
                    assertThat(f.pattern()).isEqualTo(LeakPattern.UNENCRYPTED_EXPORT);
                    assertThat(f.title()).endsWith("traffic not observed");
                    assertThat(f.records()).isNull();
                })
                .extracting(f -> f.subject().id() + " " + f.severity())
                .containsExactlyInAnyOrder(
                        // an outbound message sending Contact e-mail, names and mobile phone
                        "loyalty.partner-rewards.net HIGH",
                        // an external data source, through a plain-HTTP named credential, backing an
                        // external object with a customer e-mail field
                        "erp.lindqvist-warehouse.net HIGH",
                        // a remote site setting alone: callouts allowed, content unknown
                        "status.nordparcel-tracking.com LOW");
        // the inactive http:// remote site and the https:// one are not findings
        assertThat(r.findings())
                .extracting(f -> f.subject().id())
                .doesNotContain("surveys.feedbackloop-legacy.com", "api.payments-gateway.example");
        Finding loyalty = r.findings().stream()
                .filter(f -> f.subject().id().equals("loyalty.partner-rewards.net"))
                .findFirst()
                .orElseThrow();
        assertThat(loyalty.rationale()).contains("Contact.Email", "Contact.MobilePhone");
        assertThat(loyalty.containment())
                .extracting(ContainmentAction::configItem)
                .contains(
                        "WorkflowOutboundMessage:Contact.Send_Member_To_Rewards#endpointUrl",
                        "RemoteSiteSetting:Partner_Rewards#url");
        assertThat(loyalty.evidence())
                .extracting(EvidenceRef::file)
                .contains(
                        "force-app/main/default/workflows/Contact.workflow-meta.xml",
                        "force-app/main/default/remoteSiteSettings/Partner_Rewards.remoteSite-meta.xml");
    }

    @Test
    void theSameEndpointIsRaisedWhenTheLogsShowTraffic() throws Exception {
        Path root = resource("config-without-traffic");
        List<Path> files = new java.util.ArrayList<>(tree(root.resolve("force-app")));
        files.add(root.resolve("ApexCallout-2026-03-14.csv"));
        AnalysisResult r = analyze(root, files);

        assertThat(r.findings())
                .filteredOn(f -> f.subject().id().equals("loyalty.partner-rewards.net"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(f.title()).contains("over plain HTTP: 2 callouts");
                    assertThat(f.evidence())
                            .extracting(EvidenceRef::file)
                            .contains(
                                    "ApexCallout-2026-03-14.csv",
                                    "force-app/main/default/workflows/Contact.workflow-meta.xml");
                });
    }
}
