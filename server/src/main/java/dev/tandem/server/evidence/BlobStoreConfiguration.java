package dev.tandem.server.evidence;

import dev.tandem.evidence.BlobStore;
import dev.tandem.evidence.FileBlobStore;
import dev.tandem.server.TandemProperties;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/** The filesystem blob store under the data directory, and its sweep of unreferenced blobs. */
@Configuration(proxyBeanMethods = false)
class BlobStoreConfiguration {

    @Bean
    BlobStore blobStore(TandemProperties props) throws IOException {
        return new FileBlobStore(props.dataDir().resolve("blobs"));
    }

    @Bean(destroyMethod = "close")
    BlobDirectoryLock blobDirectoryLock(BlobStore blobs, TandemProperties props) throws IOException {
        return BlobDirectoryLock.open(props.dataDir().resolve("blobs"));
    }

    @Bean
    Sweep sweep(BlobStore blobs, BlobOwners owners, TandemProperties props, Clock clock, BlobDirectoryLock lock)
            throws IOException {
        Sweep sweep = new Sweep(blobs, owners, props, clock);
        lock.sweepThenShare(alone -> {
            if (alone) {
                // No upload is in flight in this process yet, nor in any other: everything unreferenced
                // is a crash leftover.
                sweep.run(clock.instant());
            } else {
                // Another server process shares this directory and may be uploading: keep young blobs.
                Sweep.log.info(
                        "another server process uses {}: the start-up sweep keeps blobs younger than {}",
                        props.dataDir().resolve("blobs"),
                        props.evidence().sweepGrace());
                sweep.run(clock.instant().minus(props.evidence().sweepGrace()));
            }
        });
        return sweep;
    }

    static final class Sweep {
        private static final Logger log = LoggerFactory.getLogger(Sweep.class);
        private final BlobStore blobs;
        private final BlobOwners owners;
        private final TandemProperties props;
        private final Clock clock;

        Sweep(BlobStore blobs, BlobOwners owners, TandemProperties props, Clock clock) {
            this.blobs = blobs;
            this.owners = owners;
            this.props = props;
            this.clock = clock;
        }

        /** While serving, only blobs older than the grace period: younger ones may be uploads in flight. */
        @Scheduled(fixedDelayString = "PT15M", initialDelayString = "PT15M")
        void periodic() throws IOException {
            run(clock.instant().minus(props.evidence().sweepGrace()));
        }

        void run(Instant olderThan) throws IOException {
            int removed = blobs.sweep(owners::owned, olderThan);
            if (removed > 0) {
                log.info("swept {} blob(s) without an owner, left by interrupted writes", removed);
            }
        }
    }
}
