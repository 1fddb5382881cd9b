package dev.newsfeed.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.newsfeed.kafka.TopicContents;

/**
 * Issue 11, items 3 and 5: two instances of the packaged service, as separate processes on their own ports,
 * on a three-broker cluster (each broker a process too), sharing one ingest folder. They serve one feed; a
 * broker dies while articles are posted and nothing acknowledged is lost or doubled; an instance killed and
 * restarted serves the same feed; the folder owner is killed and the other instance takes the folder over.
 */
class ScaleOutIT {

    private static final Logger LOG = Logger.getLogger(ScaleOutIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARTICLES = "newsfeed.articles";
    private static final String OWNER_TOPIC = "newsfeed.folder-owner";
    private static final String THROUGH_A_BROKER_DEATH = "Through a broker death";
    private static final int POSTS = 50;
    private static final int KILL_BROKER_AFTER = 10;
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration WAIT = Duration.ofSeconds(45);
    /** The lease's session timeout (6 s) plus a rebalance, with room for two loaded cores. */
    private static final Duration TAKEOVER = Duration.ofSeconds(20);

    @TempDir
    Path work;

    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void killEverything() throws Exception {
        // Instances first, then brokers; each is killed even if another one fails to die.
        for (int index = running.size() - 1; index >= 0; index--) {
            try {
                running.get(index).close();
            } catch (Exception | AssertionError e) {
                LOG.warnf("Could not stop %s: %s", running.get(index), e);
            }
        }
    }

    @Test
    void twoInstancesOnAThreeBrokerClusterServeOneFeedThroughABrokerDeathAnInstanceKillAndAnOwnerKill()
            throws Exception {
        BrokerCluster cluster = new BrokerCluster(work);
        running.add(cluster);
        long started = System.nanoTime();
        cluster.start();
        try (Admin admin = cluster.admin()) {
            await().atMost(START).ignoreExceptions().until(() -> admin.describeCluster().nodes()
                    .get(5, TimeUnit.SECONDS).size() == BrokerCluster.SIZE);
            LOG.infof("Three brokers up in %d ms", elapsedMs(started));

            Path folder = Files.createDirectories(work.resolve("shared-ingest"));
            Files.copy(Path.of("seeds/000_22b61c6839899886.txt"), folder.resolve("000_22b61c6839899886.txt"));
            Map<String, String> settings = Map.of(
                    "kafka.bootstrap.servers", cluster.bootstrapServers(),
                    "newsfeed.kafka.replication-factor", "3",
                    "newsfeed.kafka.min-insync-replicas", "2",
                    "newsfeed.kafka.partitions", "3",
                    "newsfeed.ingest.folder", folder.toString(),
                    "newsfeed.ingest.settle-time", "300ms");
            NewsfeedProcess a = instance("a", settings);
            NewsfeedProcess b = instance("b", settings);
            awaitReady(a, b);
            LOG.infof("Both instances ready %d ms after the start of the cluster", elapsedMs(started));

            topicsAreReplicatedWithTwoInSyncReplicasRequired(admin);
            String seed = "000_22b61c6839899886";
            await().atMost(WAIT).until(() -> feedIds(a).contains(seed) && feedIds(b).contains(seed));
            assertThat(owners(a, b)).as("one instance reads the shared folder").hasSize(1);
            assertThat(recordsOf(cluster, seed)).as("the seed, seen by both instances, published once").hasSize(1);

            anArticlePostedToOneInstanceIsServedIdenticallyByBoth(a, b);
            Map<String, String> acknowledged = postThroughABrokerDeath(cluster, admin, a, b);
            LOG.infof("%d articles acknowledged through the death of a broker (%d ms into the test)",
                    acknowledged.size(), elapsedMs(started));

            // The killed instance is the folder's owner: its death hands the folder over, its restart must
            // serve the same feed from its view folder, and it must not take the folder back.
            await().atMost(WAIT).until(() -> owners(a, b).size() == 1);
            NewsfeedProcess owner = owners(a, b).get(0);
            NewsfeedProcess other = owner == a ? b : a;
            List<String> dropped = theFolderPassesToTheOtherInstanceWhenItsOwnerIsKilled(folder, owner, other);
            owner.start();
            awaitReady(owner);

            await().atMost(WAIT).ignoreExceptions().until(() -> allInSync(admin));
            LOG.infof("The dead broker is back in every in-sync replica set (%d ms into the test)",
                    elapsedMs(started));
            for (NewsfeedProcess instance : List.of(a, b)) {
                await().atMost(WAIT).until(() -> feedIds(instance).containsAll(acknowledged.keySet()));
                List<String> titles = new ArrayList<>();
                feed(instance).path("items").forEach(item -> titles.add(item.path("title").asText()));
                assertThat(titles).as("each acknowledged article once in %s's feed", instance)
                        .filteredOn(title -> title.startsWith(THROUGH_A_BROKER_DEATH))
                        .containsExactlyInAnyOrderElementsOf(acknowledged.values());
            }
            awaitSameFeed(a, b);
            assertThat(owners(a, b)).as("the restarted instance leaves the folder where it is").containsExactly(other);
            for (String file : dropped) {
                assertThat(recordsOf(cluster, file)).as("%s, seen by both instances, published once", file).hasSize(1);
            }
            assertThat(recordsOf(cluster, seed)).as("the seed, read by both owners, once").hasSize(1);
            LOG.infof("Scale-out test done in %d ms", elapsedMs(started));
        }
    }

    private NewsfeedProcess instance(String name, Map<String, String> settings) throws IOException {
        NewsfeedProcess instance = new NewsfeedProcess(name, work, settings);
        running.add(instance);
        return instance.start();
    }

    private static void awaitReady(NewsfeedProcess... instances) {
        for (NewsfeedProcess instance : instances) {
            await().atMost(START).pollInterval(Duration.ofMillis(250)).until(instance::ready);
        }
    }

    private static void topicsAreReplicatedWithTwoInSyncReplicasRequired(Admin admin) throws Exception {
        for (String topic : List.of(ARTICLES, "newsfeed.retractions", OWNER_TOPIC)) {
            await().atMost(WAIT).ignoreExceptions().until(() -> describe(admin, topic) != null);
            assertThat(describe(admin, topic).partitions()).allSatisfy(
                    partition -> assertThat(partition.replicas()).hasSize(BrokerCluster.SIZE));
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            assertThat(admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource)
                    .get("min.insync.replicas").value()).as(topic).isEqualTo("2");
        }
        assertThat(describe(admin, OWNER_TOPIC).partitions()).as("the lease has one partition").hasSize(1);
    }

    private void anArticlePostedToOneInstanceIsServedIdenticallyByBoth(NewsfeedProcess a, NewsfeedProcess b)
            throws Exception {
        HttpResponse<String> posted = a.post(article("Posted to a", "One feed for every instance."), "to-a");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        String id = JSON.readTree(posted.body()).path("id").asText();
        await().atMost(WAIT).until(() -> feedIds(b).contains(id));
        awaitSameFeed(a, b);
    }

    /**
     * Posts {@link #POSTS} articles to both instances in turn and SIGKILLs the broker leading the articles'
     * first partition after {@link #KILL_BROKER_AFTER} of them, then starts it again. A post answered 503 (Kafka
     * did not acknowledge in time) or not at all is sent again with the same Idempotency-Key, as the README tells
     * clients to. Returns the acknowledged articles' titles by id.
     */
    private static Map<String, String> postThroughABrokerDeath(BrokerCluster cluster, Admin admin,
            NewsfeedProcess a, NewsfeedProcess b) throws Exception {
        int victim = cluster.indexOf(describe(admin, ARTICLES).partitions().get(0).leader().id());
        Map<String, String> acknowledged = new LinkedHashMap<>();
        int retries = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        for (int n = 0; n < POSTS; n++) {
            if (n == KILL_BROKER_AFTER) {
                cluster.kill(victim);
                LOG.infof("Killed broker %d, leader of %s-0", cluster.nodeId(victim), ARTICLES);
            }
            NewsfeedProcess to = n % 2 == 0 ? a : b;
            String title = THROUGH_A_BROKER_DEATH + ", article " + n;
            String id = null;
            while (id == null) {
                assertThat(System.nanoTime() - deadline).as("article %d acknowledged within 90 s", n).isNegative();
                HttpResponse<String> answer = postOrNull(to, article(title, "Acknowledged means kept."), "death-" + n);
                // 202: Kafka acknowledged it, and the instance's view did not show it in time; acknowledged all the same.
                if (answer != null && (answer.statusCode() == 201 || answer.statusCode() == 200
                        || answer.statusCode() == 202)) {
                    id = JSON.readTree(answer.body()).path("id").asText();
                } else {
                    assertThat(answer == null ? 503 : answer.statusCode()).as(answer == null ? "" : answer.body())
                            .isEqualTo(503);
                    retries++;
                }
            }
            acknowledged.put(id, title);
        }
        LOG.infof("%d posts sent again after a 503 or no answer", retries);
        cluster.restart(victim);
        return acknowledged;
    }

    private static HttpResponse<String> postOrNull(NewsfeedProcess to, String json, String key)
            throws InterruptedException {
        try {
            return to.post(json, key);
        } catch (IOException e) {
            return null;
        }
    }

    /** Returns the ids of the files dropped while both instances ran, and once the owner was dead. */
    private static List<String> theFolderPassesToTheOtherInstanceWhenItsOwnerIsKilled(Path folder,
            NewsfeedProcess owner, NewsfeedProcess other) throws Exception {
        String before = drop(folder, "before-kill-" + UUID.randomUUID());
        await().atMost(WAIT).until(() -> feedIds(owner).contains(before) && feedIds(other).contains(before));

        long killed = System.nanoTime();
        owner.kill();
        // Dropped while nobody owns the folder: the next owner finds it when it reads the folder whole.
        String after = drop(folder, "after-kill-" + UUID.randomUUID());
        await().atMost(TAKEOVER).pollInterval(Duration.ofMillis(250)).until(() -> owns(other));
        LOG.infof("%s took the folder over %d ms after %s was killed", other, elapsedMs(killed), owner);
        await().atMost(WAIT).until(() -> feedIds(other).contains(after));
        return List.of(before, after);
    }

    private static String drop(Path folder, String name) throws IOException {
        Path hidden = folder.resolve("." + name + ".tmp");
        Files.writeString(hidden, "A summary of " + name + ".\nFiled As " + name + "\n\nFiled As " + name
                + "\nA subtitle.\nThe body of the article, dropped into the shared folder.\n");
        Files.move(hidden, folder.resolve(name + ".txt"), StandardCopyOption.ATOMIC_MOVE);
        return name;
    }

    private static List<NewsfeedProcess> owners(NewsfeedProcess... instances) {
        List<NewsfeedProcess> owners = new ArrayList<>();
        for (NewsfeedProcess instance : instances) {
            if (owns(instance)) {
                owners.add(instance);
            }
        }
        return owners;
    }

    private static boolean owns(NewsfeedProcess instance) {
        try {
            HttpResponse<String> status = instance.get("/ingest/status?limit=1");
            JsonNode folder = JSON.readTree(status.body()).path("folder");
            return status.statusCode() == 200 && folder.path("owner").asBoolean()
                    && instance.name().equals(folder.path("instance").asText());
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until both serve the same first page, then checks that its ETag and since token agree too. */
    private static void awaitSameFeed(NewsfeedProcess a, NewsfeedProcess b) throws Exception {
        await().atMost(WAIT).ignoreExceptions().until(() -> a.get("/feed?limit=100").body()
                .equals(b.get("/feed?limit=100").body()));
        HttpResponse<String> fromA = a.get("/feed?limit=100");
        HttpResponse<String> fromB = b.get("/feed?limit=100");
        assertThat(fromB.body()).isEqualTo(fromA.body());
        assertThat(fromB.headers().firstValue("ETag")).isPresent().isEqualTo(fromA.headers().firstValue("ETag"));
        String token = JSON.readTree(fromA.body()).path("changes").asText();
        assertThat(token).isNotEmpty();
        assertThat(JSON.readTree(b.get("/feed?since=" + token).body()).path("changes"))
                .as("b has nothing after a's since token").isEmpty();
        assertThat(JSON.readTree(a.get("/feed?since=" + token).body()).path("next").asText())
                .isEqualTo(JSON.readTree(b.get("/feed?since=" + token).body()).path("next").asText());
    }

    private static JsonNode feed(NewsfeedProcess instance) throws IOException, InterruptedException {
        return JSON.readTree(instance.get("/feed?limit=100").body());
    }

    private static Set<String> feedIds(NewsfeedProcess instance) {
        Set<String> ids = new TreeSet<>();
        try {
            feed(instance).path("items").forEach(item -> ids.add(item.path("id").asText()));
        } catch (IOException e) {
            return ids;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ids;
    }

    private static List<ConsumerRecord<String, String>> recordsOf(BrokerCluster cluster, String id) {
        return TopicContents.read(cluster.bootstrapServers(), ARTICLES).stream()
                .filter(record -> id.equals(record.key())).toList();
    }

    private static boolean allInSync(Admin admin) throws Exception {
        for (String topic : List.of(ARTICLES, "newsfeed.retractions", OWNER_TOPIC)) {
            for (TopicPartitionInfo partition : describe(admin, topic).partitions()) {
                if (partition.isr().size() < BrokerCluster.SIZE) {
                    return false;
                }
            }
        }
        return true;
    }

    private static TopicDescription describe(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
    }

    private static String article(String title, String paragraph) throws IOException {
        return JSON.writeValueAsString(Map.of("title", title, "body", List.of(paragraph)));
    }

    private static long elapsedMs(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
