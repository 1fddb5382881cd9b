package dev.newsfeed.push;

import static dev.newsfeed.Writes.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.newsfeed.feed.FeedRenderer;
import dev.newsfeed.kafka.KafkaClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;

/**
 * Issue 21, item 3: two instances share the subscriptions, each delivered by one of them; one is killed (it stops
 * without leaving the group, as a dead process would), and the other takes its subscriptions over once the group drops
 * it: every event reaches every subscription, none under two ids. The two instances are two {@link PushEngine}s in
 * this JVM with their own topics and group, against the suite's broker, so that the service's own engine stays out.
 */
@QuarkusTest
class PushTakeoverTest {

    private static final int SUBSCRIPTIONS = 6;
    private static final int PARTITIONS = 6;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    KafkaClients clients;

    @Inject
    Admin admin;

    @Inject
    Vertx vertx;

    @Inject
    PushService service;

    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int index = running.size() - 1; index >= 0; index--) {
            running.get(index).close();
        }
    }

    @Test
    void whenAnInstanceDiesTheOtherDeliversItsSubscriptionsFromWhereItStopped() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String subscriptions = "push-takeover-" + run + ".subscriptions";
        String statuses = "push-takeover-" + run + ".status";
        String deadLetters = "push-takeover-" + run + ".dlq";
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        admin.createTopics(List.of(new NewTopic(subscriptions, PARTITIONS, (short) 1).configs(compacted),
                new NewTopic(statuses, PARTITIONS, (short) 1).configs(compacted), new NewTopic(deadLetters, 1, (short) 1)))
                .all().get();
        KafkaPushWrites writes = new KafkaPushWrites(clients.producerConfig(Map.of()), subscriptions, statuses,
                deadLetters);
        running.add(writes);
        Receiver receiver = new Receiver();
        running.add(receiver);

        PushEngine first = engine("first-" + run, subscriptions, statuses, writes);
        PushEngine second = engine("second-" + run, subscriptions, statuses, writes);
        await().atMost(WAIT).until(() -> !first.owned().isEmpty() && !second.owned().isEmpty());

        Map<Integer, Long> start = service.endOffsets();
        List<String> subscriptionIds = halfOnEach(first.owned(), "takeover-" + run + "-");
        for (int n = 0; n < SUBSCRIPTIONS; n++) {
            String id = subscriptionIds.get(n);
            long[] written = writes.save(new Subscription(id, Subscription.Kind.WEBHOOK,
                    receiver.url("/s" + n), new SubscriptionFilter("zq" + run, null, null),
                    EnumSet.allOf(EventKind.class), List.of(new SigningSecret(WebhookSecrets.generate(), null)),
                    Subscription.State.ACTIVE, null, Instant.now(), start, null, null)).toCompletableFuture().get();
            assertThat((int) written[0]).as("the partition of " + id).isEqualTo(partitionOf(id));
        }
        String before = post("Before The Outage zq" + run, "Both instances deliver zq" + run + ".");
        await().atMost(WAIT).until(() -> deliveredTo(receiver, before).size() == SUBSCRIPTIONS);

        first.abandon();
        List<String> after = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            after.add(post("After The Outage " + n + " zq" + run, "Only one instance is left for zq" + run + "."));
        }

        await().atMost(WAIT).until(() -> after.stream().allMatch(id -> deliveredTo(receiver, id).size()
                == SUBSCRIPTIONS));
        assertThat(second.owned()).hasSize(PARTITIONS);
        // At least once, and never under another id: every delivery of an event to a subscription has the same id.
        Map<String, Set<String>> idsPerEventAndSubscription = receiver.requests().stream().collect(
                Collectors.groupingBy(request -> request.uri().getPath() + " " + WebhookTestSupport.json(request)
                        .path("subject").asText(), Collectors.mapping(request -> request.header("webhook-id"),
                                Collectors.toSet())));
        assertThat(idsPerEventAndSubscription).hasSize(SUBSCRIPTIONS * 4).allSatisfy((key, ids) ->
                assertThat(ids).hasSize(1));
    }

    /**
     * Subscription ids of which half fall in the partitions of {@code firstOwns} (as Kafka's producer places a keyed
     * record) and half in the others: with ids left to chance, all six fell on the surviving instance one run in 64 (seen once in CI),
     * and nothing was taken over.
     */
    private static List<String> halfOnEach(Set<Integer> firstOwns, String prefix) {
        List<String> onFirst = new ArrayList<>();
        List<String> onSecond = new ArrayList<>();
        for (int n = 0; onFirst.size() + onSecond.size() < SUBSCRIPTIONS; n++) {
            String id = prefix + n;
            List<String> side = firstOwns.contains(partitionOf(id)) ? onFirst : onSecond;
            if (side.size() < SUBSCRIPTIONS / 2) {
                side.add(id);
            }
        }
        List<String> ids = new ArrayList<>(onFirst);
        ids.addAll(onSecond);
        return ids;
    }

    /** Where Kafka's producer puts a record keyed by {@code id}. */
    private static int partitionOf(String id) {
        return BuiltInPartitioner.partitionForKey(id.getBytes(StandardCharsets.UTF_8), PARTITIONS);
    }

    /** The subscriptions ({@code /s0} …) that got the event about {@code articleId}. */
    private static Set<String> deliveredTo(Receiver receiver, String articleId) {
        return WebhookTestSupport.about(receiver, articleId).stream().map(request -> request.uri().getPath())
                .collect(Collectors.toSet());
    }

    private PushEngine engine(String name, String subscriptions, String statuses, KafkaPushWrites writes) {
        PushMetrics metrics = new PushMetrics(new SimpleMeterRegistry());
        CallbackClient client = new CallbackClient(vertx, 4096, 8);
        running.add(client);
        CallbackPolicy policy = new CallbackPolicy(true);
        EventDelivery delivery = new EventDelivery(policy, client, new RetrySchedule(List.of(Duration.ZERO,
                Duration.ofMillis(200))), Duration.ofSeconds(3), metrics);
        String base = "http://localhost:8080";
        Map<String, Object> consumer = new HashMap<>(clients.consumerConfig(Map.of()));
        SubscriptionWorker.Context context = new SubscriptionWorker.Context(consumer, "newsfeed.articles",
                "positions-" + subscriptions, delivery, new CloudEventBodies(base),
                new WebSubBodies(base, new FeedRenderer(base, "newsfeed", "newsfeed")), writes, metrics,
                new DeliveryTracing(OpenTelemetry.noop()));
        PushEngine engine = new PushEngine(new PushEngine.Options(subscriptions, statuses,
                "push-takeover-" + subscriptions, name, Duration.ofSeconds(6), Duration.ofSeconds(2)), consumer,
                context);
        engine.start();
        running.add(engine);
        return engine;
    }
}
