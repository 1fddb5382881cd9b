package dev.newsfeed.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.errors.AuthenticationException;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Asks the cluster every {@code newsfeed.kafka.probe-interval} whether it answers, so that a write can be refused at
 * once while Kafka is known to be away, instead of waiting for the producer's timeout, and so that health probes cost
 * nothing. Every {@code newsfeed.kafka.policy-check-interval} it also reads the articles topic's cleanup policy again.
 */
@ApplicationScoped
public class BrokerProbe {

    private static final Logger LOG = Logger.getLogger(BrokerProbe.class);
    private static final int TIMEOUT_MS = 2_500;

    /** What the last probe found: the number of brokers, or why none answered. */
    public record Reachability(boolean reachable, int brokers, String detail) {
    }

    private final Admin admin;
    private final ArticleTopic topic;
    private final Duration interval;
    private final Duration policyCheckInterval;
    private long policyCheckedAt = System.nanoTime();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread t = new Thread(runnable, "newsfeed-broker-probe");
        t.setDaemon(true);
        return t;
    });
    private volatile Reachability last = new Reachability(false, 0, "not probed yet");
    private volatile boolean probed;

    BrokerProbe(Admin admin, ArticleTopic topic, KafkaSettings settings) {
        this.admin = admin;
        this.topic = topic;
        this.interval = settings.probeInterval();
        this.policyCheckInterval = settings.policyCheckInterval();
    }

    /**
     * First among the start-up observers after the embedded broker: the first probe creates the admin client, which
     * the view's reader needs next to check its topics, on this thread while the main thread starts the rest.
     */
    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 1) StartupEvent event) {
        thread.scheduleWithFixedDelay(this::probe, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        thread.shutdownNow();
    }

    public Reachability last() {
        return last;
    }

    /** True only when a probe has run and found no broker: before the first probe, Kafka is not presumed away. */
    public boolean knownDown() {
        return probed && !last.reachable();
    }

    /**
     * The cluster answers but refuses this service's login (SASL) or TLS handshake: only a change of the credentials
     * or of the cluster's users mends that, so it is said once at ERROR with what to check, and stays in the
     * {@code kafka} health group for as long as it lasts. The probes go on, and see the cluster accept the login.
     */
    private void refused(Throwable cause) {
        String detail = "Kafka refused this service's credentials (" + cause.getClass().getSimpleName() + ": "
                + cause.getMessage() + "); check kafka.security.protocol, kafka.sasl.mechanism and"
                + " kafka.sasl.jaas.config (KAFKA_SASL_JAAS_CONFIG), or the truststore for SSL";
        if (!detail.equals(last.detail())) {
            LOG.error(detail);
        }
        last = new Reachability(false, 0, detail);
    }

    private void probe() {
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                    .nodes().get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS).size();
            last = new Reachability(brokers > 0, brokers, brokers + " broker(s) answer");
            if (System.nanoTime() - policyCheckedAt > policyCheckInterval.toNanos()) {
                // Someone may switch the articles topic to cleanup.policy=delete while the service runs.
                topic.checkPolicy();
                policyCheckedAt = System.nanoTime();
            }
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (cause instanceof AuthenticationException) {
                refused(cause);
            } else {
                last = new Reachability(false, 0, "Kafka does not answer: " + cause);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            last = new Reachability(false, 0, "Kafka probe failed: " + e);
        }
        probed = true;
    }
}
