package dev.newsfeed.shutdown;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import dev.newsfeed.ingest.folder.FolderIngest;
import dev.newsfeed.ingest.IntakeGate;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Stops the service without losing or repeating a write. At the very start of shutdown (Quarkus' pre-shutdown
 * phase, before it waits for HTTP requests in flight) intake stops: the folder is no longer watched and new writes
 * are answered 503. Then, before anything else is stopped, the writes still in flight get until
 * {@code newsfeed.shutdown.drain-timeout} to be acknowledged and applied to the view, which the view's own
 * shutdown then commits with its positions: the next start reads nothing twice and publishes nothing again.
 */
@ApplicationScoped
public class GracefulShutdown {

    private static final Logger LOG = Logger.getLogger(GracefulShutdown.class);

    private final IntakeGate gate;
    private final FolderIngest folder;
    private final Duration drainTimeout;
    private long stoppedAt;

    GracefulShutdown(IntakeGate gate, FolderIngest folder, ShutdownSettings settings) {
        this.gate = gate;
        this.folder = folder;
        this.drainTimeout = settings.drainTimeout();
    }

    void beginning(@Observes ShutdownDelayInitiatedEvent event) {
        stopIntake();
    }

    /** Before the default observers: the view's updater must still be running while writes are applied. */
    void draining(@Observes @Priority(Interceptor.Priority.APPLICATION) ShutdownEvent event)
            throws InterruptedException {
        // Also here: without quarkus.shutdown.delay-enabled (dev mode) the pre-shutdown event never comes.
        stopIntake();
        Duration left = drainTimeout.minusNanos(System.nanoTime() - stoppedAt);
        if (gate.awaitIdle(left.isNegative() ? Duration.ZERO : left)) {
            LOG.infof("Drained: every write in flight finished %d ms after intake stopped",
                    (System.nanoTime() - stoppedAt) / 1_000_000);
        } else {
            LOG.errorf("%d write(s) still in flight %s after intake stopped (newsfeed.shutdown.drain-timeout): given"
                    + " up. Their clients get no answer and resend; their files are read again at the next start",
                    gate.inFlight(), drainTimeout);
        }
    }

    private synchronized void stopIntake() {
        if (gate.isClosed()) {
            return;
        }
        stoppedAt = System.nanoTime();
        gate.close();
        folder.stopWatching();
        LOG.infof("Shutting down: intake stopped (the ingest folder is no longer watched, new writes are answered"
                + " 503); %d write(s) in flight get up to %s to finish", gate.inFlight(), drainTimeout);
    }
}
