package dev.newsfeed.push;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * One instance's part in push: knows every subscription ({@link SubscriptionRegistry}), holds its share of them
 * ({@link DeliveryOwnership}), and runs a {@link SubscriptionWorker} for each subscription of its share that is to be
 * delivered now; reconciles the two whenever a subscription or the share changes, and every second (a lease ends, a
 * worker failed). It also ends the subscriptions of its share whose WebSub lease has expired. Plain Java: the tests
 * run two of them side by side as two instances.
 */
final class PushEngine implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PushEngine.class);

    /** Names and timings of one engine. */
    record Options(String subscriptionsTopic, String statusTopic, String group, String instanceId,
            java.time.Duration sessionTimeout, java.time.Duration heartbeatInterval) {
    }

    private final SubscriptionRegistry registry;
    private final DeliveryOwnership ownership;
    private final SubscriptionWorker.Context context;
    private final PushWrites writes;
    private final Map<String, SubscriptionWorker> workers = new HashMap<>();
    private final Set<String> expiring = new HashSet<>();
    private final ScheduledExecutorService ticks;
    private volatile boolean closed;

    PushEngine(Options options, Map<String, Object> consumerConfig, SubscriptionWorker.Context context) {
        this.context = context;
        this.writes = context.writes();
        // Not on the registry's thread: stopping a delivery may take seconds, and the registry must read on meanwhile.
        this.registry = new SubscriptionRegistry(consumerConfig, options.subscriptionsTopic(), options.statusTopic(),
                options.instanceId(), this::reconcileSoon);
        this.ownership = new DeliveryOwnership(consumerConfig, options.subscriptionsTopic(), options.group(),
                options.instanceId(), options.sessionTimeout(), options.heartbeatInterval(),
                new DeliveryOwnership.Listener() {
                    @Override
                    public void assigned(Set<Integer> partitions) {
                        reconcile();
                    }

                    @Override
                    public void revoked(Set<Integer> partitions) {
                        // Synchronously: the partition moves on only once these deliveries stopped and committed.
                        reconcile();
                    }
                });
        this.ticks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "newsfeed-push-reconcile");
            thread.setDaemon(true);
            return thread;
        });
    }

    SubscriptionRegistry registry() {
        return registry;
    }

    /** The partitions of the subscriptions topic this instance delivers now. */
    Set<Integer> owned() {
        return ownership.owned();
    }

    void start() {
        registry.start();
        ownership.start();
        ticks.scheduleWithFixedDelay(this::reconcile, 1, 1, TimeUnit.SECONDS);
    }

    private void reconcileSoon() {
        try {
            ticks.execute(this::reconcile);
        } catch (RejectedExecutionException e) {
            // Closing: nothing more to start.
        }
    }

    /** Starts and stops workers so that exactly this instance's deliverable subscriptions have one each. */
    synchronized void reconcile() {
        if (closed || !registry.caughtUp()) {
            return;
        }
        try {
            Set<Integer> owned = ownership.owned();
            Instant now = Instant.now();
            Set<String> wanted = new HashSet<>();
            for (SubscriptionRegistry.Entry entry : registry.all()) {
                Subscription subscription = entry.subscription();
                if (!owned.contains(entry.partition())) {
                    continue;
                }
                if (subscription.deliverable(now)) {
                    wanted.add(subscription.id());
                } else if (subscription.expired(now) && expiring.add(subscription.id())) {
                    LOG.infof("Push: the lease of %s has expired; it ends", subscription.id());
                    writes.delete(subscription.id());
                }
            }
            workers.entrySet().removeIf(running -> {
                if (wanted.contains(running.getKey()) && running.getValue().alive()) {
                    return false;
                }
                running.getValue().stop();
                return true;
            });
            for (String id : wanted) {
                workers.computeIfAbsent(id, this::startWorker);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Push: could not reconcile the deliveries of this instance: %s", e);
        }
    }

    private SubscriptionWorker startWorker(String id) {
        SubscriptionWorker worker = new SubscriptionWorker(id, () -> registry.get(id), registry.status(id), context);
        worker.start();
        return worker;
    }

    /** Stops every delivery, committing what was delivered, then leaves the group so that others take over now. */
    @Override
    public void close() {
        ticks.shutdownNow();
        ownership.close();
        stopAll();
        registry.close();
    }

    /** As a killed instance: stops without leaving the group; its subscriptions move once its session expires. */
    void abandon() {
        ticks.shutdownNow();
        ownership.abandon();
        stopAll();
        registry.close();
    }

    private synchronized void stopAll() {
        closed = true;
        workers.values().forEach(SubscriptionWorker::stop);
        workers.clear();
    }
}
