package dev.newsfeed.push;

import java.time.Duration;

import org.jboss.logging.Logger;

import dev.newsfeed.kafka.KafkaUnavailableException;

/**
 * Starts push once Kafka answers, on a thread of its own so that start-up never waits for the brokers: tries to create
 * the push topics, waits between tries from half a second doubling up to 30 s, then starts the engine.
 *
 * <p>{@link #stop} ends the tries and waits for the thread: a try after shutdown would reach the application's beans
 * once their container is gone (an uncaught {@code IllegalStateException} on every stop while Kafka refused the
 * credentials), and an engine started after shutdown would run on.
 */
final class PushStarter {

    private static final Logger LOG = Logger.getLogger(PushStarter.class);
    private static final long FIRST_PAUSE_MILLIS = 500;
    private static final long MAX_PAUSE_MILLIS = 30_000;
    /** How long {@link #stop} waits for a try under way: an admin call has its own timeout, and shutdown goes on. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);

    /** Creates the push topics, or says why it could not. */
    @FunctionalInterface
    interface Topics {
        void ensure() throws KafkaUnavailableException;
    }

    private final Topics topics;
    private final Runnable engine;
    private final Thread thread;
    // Guarded by "this": whether stop() was called; the engine starts under the same lock, never after it.
    private boolean stopped;

    PushStarter(Topics topics, Runnable engine) {
        this.topics = topics;
        this.engine = engine;
        this.thread = new Thread(this::run, "newsfeed-push-start");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Ends the tries, and waits a little for a try under way. */
    void stop() {
        synchronized (this) {
            stopped = true;
        }
        thread.interrupt();
        try {
            thread.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether its thread still runs (tests). */
    boolean running() {
        return thread.isAlive();
    }

    /** Where what the thread throws goes (tests; the JVM's default handler otherwise). */
    void onUncaught(Thread.UncaughtExceptionHandler handler) {
        thread.setUncaughtExceptionHandler(handler);
    }

    private synchronized boolean stopped() {
        return stopped;
    }

    private void run() {
        long pause = FIRST_PAUSE_MILLIS;
        while (!stopped()) {
            try {
                topics.ensure();
                synchronized (this) {
                    if (!stopped) {
                        engine.run();
                    }
                }
                return;
            } catch (KafkaUnavailableException e) {
                if (stopped()) {
                    return;
                }
                LOG.warnf("Push waits for Kafka: %s", e.getMessage());
            } catch (RuntimeException e) {
                if (stopped()) {
                    // The application stopped under this try: whatever it reached is gone, and nothing is lost.
                    LOG.debugf("Push stopped while it waited for Kafka: %s", e);
                    return;
                }
                throw e;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException interrupted) {
                return;
            }
            pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
        }
    }
}
