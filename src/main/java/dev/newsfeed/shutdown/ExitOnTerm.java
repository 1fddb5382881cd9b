package dev.newsfeed.shutdown;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Makes SIGTERM, the way every service manager and container runtime asks a service to stop, end with exit code 0
 * once the graceful shutdown has run. The JVM exits with 143 (128 + 15) after a SIGTERM, which Docker and Kubernetes
 * report as a failure, although stopping on request is the normal end of this service.
 *
 * <p>With supported APIs only (issue 19: no {@code sun.misc.Signal}): Quarkus tells its shutdown observers whether
 * the JVM began the shutdown (a signal) or the application did ({@link ShutdownEvent#isStandardShutdown()}), and a
 * JVM shutdown hook of this class waits until Quarkus' own hook has stopped the application, then ends the process
 * with 0 when a signal began it. A start-up that failed, and an exit the application asked for, keep their codes.
 * A {@code System.exit} called by a library while the service runs looks like a signal to it, and ends with 0 too.
 */
@ApplicationScoped
class ExitOnTerm {

    /** Quarkus' hook waits for the drain and the view's commit; this one waits that long at most, and a margin. */
    private static final Duration WAIT_FOR_QUARKUS = Duration.ofSeconds(60);

    private static volatile boolean signalled;

    void install(@Observes StartupEvent event) {
        // Only the packaged service: dev mode and the test JVM keep their own handling of signals.
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            Runtime.getRuntime().addShutdownHook(new Thread(ExitOnTerm::exitZeroOnceStopped, "newsfeed-exit-on-term"));
        }
    }

    /** Last of the shutdown observers: by then Quarkus knows who began the shutdown. */
    void shuttingDown(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 2000) ShutdownEvent event) {
        signalled = !event.isStandardShutdown();
    }

    /**
     * JVM shutdown hooks start together, in no order: Quarkus' own may have begun stopping the application already,
     * so this one only waits for it to end, and then trusts what the shutdown observers heard. An application that
     * never started fires no shutdown observer, and one that stopped on its own fired a standard one.
     */
    private static void exitZeroOnceStopped() {
        long deadline = System.nanoTime() + WAIT_FOR_QUARKUS.toNanos();
        while (ApplicationLifecycleManager.getCurrentApplication() != null && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (signalled && ApplicationLifecycleManager.getCurrentApplication() == null) {
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(0);
        }
    }
}
