package dev.newsfeed.shutdown;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import sun.misc.Signal;

/**
 * Makes SIGTERM, the way every service manager and container runtime asks a service to stop, end with exit code 0
 * once the graceful shutdown has run. The JVM's own handler exits with 143 (128 + 15), which Docker and Kubernetes
 * report as a failure, although stopping on request is the normal end of this service. The shutdown itself is
 * Quarkus' (its shutdown hook runs within {@code System.exit}); only the code changes.
 */
@ApplicationScoped
class ExitOnTerm {

    void install(@Observes StartupEvent event) {
        // Only the packaged service: dev mode and the test JVM keep their own handling of signals.
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            Signal.handle(new Signal("TERM"), signal -> System.exit(0));
        }
    }
}
