package dev.newsfeed.push;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.newsfeed.feed.FeedRenderer;
import dev.newsfeed.feed.FeedSettings;
import dev.newsfeed.kafka.KafkaClients;
import dev.newsfeed.kafka.KafkaSettings;
import dev.newsfeed.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Push in this instance: creates its topics, runs its {@link PushEngine} from start-up to shutdown, and gives the
 * subscription APIs what they need: the registry to read, the writes, where a new subscription starts, and how far
 * behind a subscription is.
 */
@ApplicationScoped
public class PushService {

    private static final Logger LOG = Logger.getLogger(PushService.class);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);
    private static final int CONNECTIONS_PER_RECEIVER = 64;

    private final PushSettings settings;
    private final KafkaSettings kafka;
    private final Admin admin;
    private final KafkaPushWrites writes;
    private final CallbackClient client;
    private final PushEngine engine;
    private final String articlesTopic;
    private final CallbackPolicy policy;
    private final PushStarter starter;

    PushService(PushSettings settings, KafkaSettings kafka, KafkaClients clients, Admin admin, Vertx vertx,
            MeterRegistry meters, OpenTelemetry openTelemetry, FeedSettings feed, @ConfigProperty(name = "newsfeed.public-base-url") String baseUrl,
            @ConfigProperty(name = "newsfeed.instance-id") Optional<String> instanceId) {
        this.settings = settings;
        this.kafka = kafka;
        this.admin = admin;
        this.articlesTopic = kafka.topic();
        this.policy = new CallbackPolicy(settings.allowPrivateCallbacks());
        this.writes = new KafkaPushWrites(clients.producerConfig(Map.of()), settings.subscriptionsTopic(),
                settings.statusTopic(), settings.deadLetterTopic());
        this.client = new CallbackClient(vertx, settings.maxResponseBytes(), CONNECTIONS_PER_RECEIVER);
        PushMetrics metrics = new PushMetrics(meters);
        EventDelivery delivery = new EventDelivery(policy, client, new RetrySchedule(settings.retrySchedule()),
                settings.attemptTimeout(), metrics);
        SubscriptionWorker.Context context = new SubscriptionWorker.Context(clients.consumerConfig(Map.of()),
                articlesTopic, settings.group(), delivery, new CloudEventBodies(baseUrl),
                new WebSubBodies(baseUrl, new FeedRenderer(baseUrl, feed.title(), feed.author())), writes, metrics,
                new DeliveryTracing(openTelemetry));
        String name = instanceId.filter(id -> !id.isBlank()).orElseGet(PushService::hostAndPid);
        this.engine = new PushEngine(new PushEngine.Options(settings.subscriptionsTopic(), settings.statusTopic(),
                settings.group(), name, settings.sessionTimeout(), settings.heartbeatInterval()),
                clients.consumerConfig(Map.of()), context);
        this.starter = new PushStarter(() -> PushTopics.ensure(admin, settings, kafka.replicationFactor(),
                kafka.minInsyncReplicas().orElse(null)), this::startEngine);
    }

    void start(@Observes StartupEvent event) {
        starter.start();
    }

    private void startEngine() {
        if (settings.enabled()) {
            engine.start();
        } else {
            LOG.info("Push: this instance delivers nothing (newsfeed.push.enabled=false)");
        }
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        starter.stop();
        engine.close();
        client.close();
        writes.close();
    }

    SubscriptionRegistry registry() {
        return engine.registry();
    }

    CallbackPolicy policy() {
        return policy;
    }

    CallbackClient client() {
        return client;
    }

    PushSettings settings() {
        return settings;
    }

    /** Writes the subscription and waits until this instance's registry shows it. */
    void save(Subscription subscription) {
        awaitShown(writes.save(subscription));
    }

    void delete(String id) {
        awaitShown(writes.delete(id));
    }

    private void awaitShown(CompletionStage<long[]> write) {
        try {
            long[] position = write.toCompletableFuture().get(KAFKA_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!registry().awaitRead((int) position[0], position[1], KAFKA_TIMEOUT)) {
                throw unavailable("the subscription was written, but this instance has not read it back yet");
            }
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable("Kafka did not acknowledge the subscription");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
    }

    /** Where a subscription made now starts: the end of each partition of the articles topic. */
    Map<Integer, Long> endOffsets() {
        try {
            List<TopicPartition> partitions = admin.describeTopics(List.of(articlesTopic)).allTopicNames()
                    .get(KAFKA_TIMEOUT.toSeconds(), TimeUnit.SECONDS).get(articlesTopic).partitions().stream()
                    .map(info -> new TopicPartition(articlesTopic, info.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(KAFKA_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Map<Integer, Long> offsets = new HashMap<>();
            ends.forEach((partition, info) -> offsets.put(partition.partition(), info.offset()));
            return offsets;
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable("Kafka did not answer where the articles topic ends");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
    }

    /** Records of the articles topic the subscription has still to go through; null when Kafka does not say. */
    Long backlog(Subscription subscription) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                    SubscriptionWorker.positionGroup(settings.group(), subscription.id()))
                    .partitionsToOffsetAndMetadata().get(KAFKA_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            long total = 0;
            for (Map.Entry<Integer, Long> end : endOffsets().entrySet()) {
                OffsetAndMetadata position = committed.get(new TopicPartition(articlesTopic, end.getKey()));
                long from = position != null ? position.offset()
                        : subscription.startOffsets().getOrDefault(end.getKey(), 0L);
                total += Math.max(0, end.getValue() - from);
            }
            return total;
        } catch (ExecutionException | TimeoutException | ProblemException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(503, "Service Unavailable", detail) {
            @Override
            public int retryAfterSeconds() {
                return 2;
            }
        };
    }

    private static String hostAndPid() {
        try {
            return InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid();
        } catch (UnknownHostException e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}
