package dev.newsfeed.push;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import dev.newsfeed.view.FeedFilter;
import io.opentelemetry.api.trace.Span;

/**
 * Delivers one subscription, on a thread of its own, while this instance holds it: reads the articles topic from the
 * subscription's own position (a consumer group of its own, {@code <push group>.<id>}), delivers each event it
 * wants in the topic's order, and commits a position only once every event before it was delivered (or given up to
 * the dead-letter topic). An event being tried again holds back this subscription alone.
 */
final class SubscriptionWorker {

    private static final Logger LOG = Logger.getLogger(SubscriptionWorker.class);
    private static final Duration POLL = Duration.ofMillis(300);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /** What a worker needs besides its subscription. */
    record Context(Map<String, Object> consumerConfig, String articlesTopic, String positionGroupPrefix,
            EventDelivery delivery, CloudEventBodies webhooks, WebSubBodies websub, PushWrites writes,
            PushMetrics metrics, DeliveryTracing tracing) {
    }

    private final String id;
    private final Supplier<Subscription> current;
    private final Context context;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread thread;
    private final AtomicLong backlog = new AtomicLong();
    private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean calling;
    private volatile DeliveryStatus status;
    private boolean statusChanged;
    private SubscriptionFilter compiledFor;
    private FeedFilter filter;

    SubscriptionWorker(String id, Supplier<Subscription> current, DeliveryStatus status, Context context) {
        this.id = id;
        this.current = current;
        this.status = status == null ? DeliveryStatus.NONE : status;
        this.context = context;
        this.thread = new Thread(this::run, "newsfeed-push-" + id);
        this.thread.setDaemon(true);
    }

    static String positionGroup(String prefix, String subscriptionId) {
        return prefix + "." + subscriptionId;
    }

    void start() {
        thread.start();
    }

    boolean alive() {
        return thread.isAlive();
    }

    /** Stops delivering, commits what was delivered, and returns once the thread has ended (or 10 s passed). */
    void stop() {
        stopping.countDown();
        KafkaConsumer<String, byte[]> reading = consumer;
        if (reading != null) {
            reading.wakeup();
        }
        if (calling) {
            // Only a request in flight is cut short this way; Kafka's client must not see the interrupt.
            thread.interrupt();
        }
        try {
            thread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warnf("Push: the delivery of %s did not stop within %d s", id, STOP_TIMEOUT.toSeconds());
        }
    }

    private boolean stopped() {
        return stopping.getCount() == 0;
    }

    private void run() {
        Map<String, Object> config = new HashMap<>(context.consumerConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, positionGroup(context.positionGroupPrefix(), id));
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "newsfeed-push-" + id);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        KafkaConsumer<String, byte[]> reading = new KafkaConsumer<>(config);
        consumer = reading;
        AutoCloseable gauge = context.metrics().subscription(id, backlog, () -> status);
        try {
            if (stopped()) {
                return;
            }
            position(reading);
            while (!stopped()) {
                ConsumerRecords<String, byte[]> records = reading.poll(POLL);
                for (TopicPartition partition : records.partitions()) {
                    for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                        if (!handle(record)) {
                            return;
                        }
                        pending.put(partition, new OffsetAndMetadata(record.offset() + 1));
                    }
                }
                commit(reading);
                measureBacklog(reading);
            }
        } catch (WakeupException | InterruptException | InterruptedException | EventDelivery.StoppedException e) {
            // Asked to stop.
        } catch (Exception e) {
            LOG.warnf("Push: the delivery of %s failed and starts again: %s", id, e);
        } finally {
            // Cleared, so that the last commit and the close are not cut short by the stop's interrupt.
            Thread.interrupted();
            finish(reading);
            consumer = null;
            reading.close(CloseOptions.timeout(CLOSE_TIMEOUT));
            closeQuietly(gauge);
        }
    }

    /** Seeks each partition to the committed position, or where the subscription began. */
    private void position(KafkaConsumer<String, byte[]> reading) {
        List<TopicPartition> partitions = reading.partitionsFor(context.articlesTopic(), KAFKA_TIMEOUT).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        reading.assign(partitions);
        Map<TopicPartition, OffsetAndMetadata> committed = reading.committed(Set.copyOf(partitions), KAFKA_TIMEOUT);
        Subscription subscription = current.get();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata position = committed.get(partition);
            long offset = position != null ? position.offset()
                    : subscription == null ? 0 : subscription.startOffsets().getOrDefault(partition.partition(), 0L);
            reading.seek(partition, offset);
        }
    }

    /** Delivers the record's event if the subscription wants it; false when the subscription must stop here. */
    private boolean handle(ConsumerRecord<String, byte[]> record)
            throws InterruptedException, EventDelivery.StoppedException, ExecutionException, TimeoutException {
        Subscription subscription = current.get();
        if (subscription == null || !subscription.deliverable(Instant.now())) {
            return false;
        }
        PushEvent event = EventDecoder.decode(record);
        if (event == null || !wants(subscription, event)) {
            return true;
        }
        DeliveryBody untraced = subscription.kind() == Subscription.Kind.WEBHOOK
                ? context.webhooks().of(subscription, event) : context.websub().of(subscription, event);
        Span span = context.tracing().start(record.headers(), subscription, event, untraced);
        DeliveryBody body = context.tracing().traced(untraced, span);
        calling = true;
        EventDelivery.Result result = null;
        try {
            result = context.delivery().deliver(current, body, status.failing(),
                new EventDelivery.Attempts() {
                    @Override
                    public boolean pause(Duration pause) throws InterruptedException {
                        if (!pause.isZero()) {
                            // Whatever was delivered before this event stays delivered, should this wait be cut short.
                            commit(consumer);
                        }
                        return !stopping.await(pause.toMillis(), TimeUnit.MILLISECONDS);
                    }

                    @Override
                    public void failed(String reason) {
                        status = status.failed(Instant.now(), reason);
                        writeStatus();
                    }
                });
        } finally {
            calling = false;
            if (result != null) {
                DeliveryTracing.end(span, result);
            } else {
                span.end();
            }
        }
        switch (result.outcome()) {
            case DELIVERED -> {
                status = status.succeeded(Instant.now());
                statusChanged = true;
                return true;
            }
            case GONE -> {
                status = status.failed(Instant.now(), result.reason());
                writeStatus();
                wait(context.writes().save(subscription.withState(Subscription.State.DISABLED,
                        result.reason() + " at " + Instant.now())));
                LOG.infof("Push: %s is disabled: its receiver answered 410 Gone", id);
                return false;
            }
            default -> {
                wait(context.writes().deadLetter(subscription, event, body, result.reason()));
                context.metrics().deadLettered(subscription.kind());
                status = status.gaveUp(Instant.now(), result.reason());
                writeStatus();
                LOG.warnf("Push: gave up an event of %s after its last attempt (%s); it is on the dead-letter topic",
                        id, result.reason());
                return true;
            }
        }
    }

    private boolean wants(Subscription subscription, PushEvent event) {
        if (!subscription.events().contains(event.kind())) {
            return false;
        }
        if (event.article() == null) {
            return true;
        }
        if (!subscription.filter().equals(compiledFor)) {
            filter = subscription.filter().toFeedFilter();
            compiledFor = subscription.filter();
        }
        return filter.test(event.article());
    }

    private void commit(KafkaConsumer<String, byte[]> reading) {
        if (reading != null && !pending.isEmpty()) {
            reading.commitSync(Map.copyOf(pending), KAFKA_TIMEOUT);
            pending.clear();
        }
        if (statusChanged) {
            writeStatus();
        }
    }

    private void measureBacklog(KafkaConsumer<String, byte[]> reading) {
        long total = 0;
        for (TopicPartition partition : reading.assignment()) {
            total += reading.currentLag(partition).orElse(0);
        }
        backlog.set(total);
    }

    private void writeStatus() {
        statusChanged = false;
        context.writes().status(id, status).whenComplete((written, failure) -> {
            if (failure != null) {
                // Only the status shown by the API lags: the next change writes it whole again.
                LOG.warnf("Push: the delivery status of %s could not be written: %s", id, failure.toString());
            }
        });
    }

    /** The last commit, on the way out: what was delivered stays delivered for whoever takes over. */
    private void finish(KafkaConsumer<String, byte[]> reading) {
        try {
            commit(reading);
        } catch (KafkaException e) {
            LOG.warnf("Push: could not commit the position of %s on stopping (%s); its last events will come again",
                    id, e.getClass().getSimpleName());
        }
    }

    private static void closeQuietly(AutoCloseable gauge) {
        try {
            gauge.close();
        } catch (Exception e) {
            LOG.debugf("Push: the backlog gauge of a subscription could not be removed: %s", e);
        }
    }

    private static void wait(java.util.concurrent.CompletionStage<?> write)
            throws InterruptedException, ExecutionException, TimeoutException {
        write.toCompletableFuture().get(KAFKA_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
}
