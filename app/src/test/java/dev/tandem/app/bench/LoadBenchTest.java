package dev.tandem.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadBenchTest {

    @Test
    void readsDurationsAsAUserWritesThem() {
        assertThat(LoadBench.parseDuration("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(LoadBench.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(LoadBench.parseDuration("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(LoadBench.parseDuration("PT1M")).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> LoadBench.parseDuration("soon")).hasMessageContaining("not a duration");
    }

    @Test
    void countsConnectionErrorsNon2xxAndBadProofsApart() {
        List<LoadSample> samples = List.of(
                new LoadSample(LoadEndpoint.UPLOAD, 0, 0, 2_000_000, 201),
                new LoadSample(LoadEndpoint.UPLOAD, 0, 0, 4_000_000, 503),
                new LoadSample(LoadEndpoint.PROOF, 1, 0, 1_000_000, LoadSample.BAD_PROOF),
                new LoadSample(LoadEndpoint.PROOF, 1, 0, 9_000_000_000L, LoadSample.CONNECTION_ERROR));
        LoadReport.Row all = LoadReport.row("all", samples, 2.0);
        assertThat(all.requests()).isEqualTo(4);
        assertThat(all.perSecond()).isEqualTo(2.0);
        assertThat(all.non2xx()).isEqualTo(1);
        assertThat(all.connectionErrors()).isEqualTo(1);
        assertThat(all.badProofs()).isEqualTo(1);
        assertThat(all.statuses()).isEqualTo("{503=1}");
        // a request that got no answer has no latency: the 9 s connection error is not the max
        assertThat(all.maxMs()).isEqualTo(4.0);
    }

    @Test
    void namesWhatARequestThreadWasWaitingFor() {
        assertThat(LoadObserver.requestThreadState(
                        "\"http-nio-1-exec-3\"\n\tat com.zaxxer.hikari.pool.HikariPool.getConnection"))
                .isEqualTo("waiting for a pooled database connection");
        assertThat(
                        LoadObserver.requestThreadState(
                                "\"http-nio-1-exec-3\"\n\tat java.util.concurrent.CompletableFuture.get\n\tat dev.tandem.server.ledger.LedgerSequencer.submit"))
                .isEqualTo("waiting for the ledger sequencer");
        assertThat(LoadObserver.requestThreadState(
                        "\"http-nio-1-exec-3\"\n\tat org.apache.tomcat.util.threads.TaskQueue.take"))
                .isEqualTo("idle (no request)");
        assertThat(LoadObserver.sequencerState(
                        "\"ledger-sequencer\"\n\tat org.postgresql.core.v3.QueryExecutorImpl.execute"))
                .isEqualTo("in a database call");
    }
}
