package dev.tandem.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which unknown addresses get the error page rather than the problem: the Accept header and the path. */
class UnknownPagesTest {
    @Test
    void aPageOnlyForClientsThatNameHtmlAboveJson() {
        assertThat(UnknownPages.prefersHtml(UnknownPagesH2IT.BROWSER)).isTrue();
        assertThat(UnknownPages.prefersHtml("text/html")).isTrue();
        assertThat(UnknownPages.prefersHtml("application/xhtml+xml")).isTrue();
        assertThat(UnknownPages.prefersHtml("application/json;q=0.5, text/html"))
                .isTrue();
        assertThat(UnknownPages.prefersHtml("application/json")).isFalse();
        assertThat(UnknownPages.prefersHtml("application/problem+json, text/html;q=0.9"))
                .isFalse();
        assertThat(UnknownPages.prefersHtml("text/html, application/json")).isFalse();
        assertThat(UnknownPages.prefersHtml("*/*")).isFalse();
        assertThat(UnknownPages.prefersHtml("text/*")).isFalse();
        assertThat(UnknownPages.prefersHtml("text/css,*/*;q=0.1")).isFalse();
        assertThat(UnknownPages.prefersHtml("text/html;q=0")).isFalse();
        assertThat(UnknownPages.prefersHtml(null)).isFalse();
        assertThat(UnknownPages.prefersHtml("")).isFalse();
        assertThat(UnknownPages.prefersHtml("not a media type;;")).isFalse();
    }

    @Test
    void theApiIsEverythingUnderApi() {
        assertThat(UnknownPages.isApi("/api/v1/no-such")).isTrue();
        assertThat(UnknownPages.isApi("/api")).isTrue();
        assertThat(UnknownPages.isApi("/apis")).isFalse();
        assertThat(UnknownPages.isApi("/no-such-page")).isFalse();
    }
}
