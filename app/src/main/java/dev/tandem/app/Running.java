package dev.tandem.app;

import java.util.concurrent.CountDownLatch;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/** Keeps the command alive while the server runs; Ctrl-C closes the context cleanly. */
final class Running {
    private Running() {}

    static int awaitClose(ConfigurableApplicationContext ctx) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        ctx.addApplicationListener(e -> {
            if (e instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        if (!ctx.isActive()) {
            return 0;
        }
        closed.await();
        return 0;
    }
}
