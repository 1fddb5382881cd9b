package dev.newsfeed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * docker-compose.yml is checked without a Docker engine: {@code docker-compose config} validates it against
 * the Compose schema and prints it resolved (anchors merged, variables substituted), which is read here to check
 * the shape of the production-like cluster. The Debian package docker-compose needs no engine; .ci/run installs
 * it, and where it is missing this test is skipped, not passed.
 */
class DockerComposeFileTest {

    private static final List<String> KAFKA_NODES = List.of("kafka-1", "kafka-2", "kafka-3");
    private static final List<String> INSTANCES = List.of("newsfeed-a", "newsfeed-b");

    private static JsonNode services;

    @BeforeAll
    static void resolveComposeFile() throws Exception {
        assumeTrue(onPath("docker-compose"), "docker-compose is not installed (apt-get install docker-compose)");
        ProcessBuilder builder = new ProcessBuilder("docker-compose", "-f", "docker-compose.yml", "config");
        // What a user exports before `docker compose up`; the file itself holds no token.
        builder.environment().put("NEWSFEED_API_TOKEN", "compose-test-token");
        Process process = builder.redirectErrorStream(true).start();
        try {
            String resolved = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(resolved).isZero();
            services = new ObjectMapper(new YAMLFactory()).readTree(resolved).path("services");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void threeCombinedKraftNodesFormOneClusterThatKeepsEveryRecordOnThreeNodes() {
        assertThat(names(services)).containsAll(KAFKA_NODES);
        List<String> ids = new ArrayList<>();
        for (String node : KAFKA_NODES) {
            JsonNode kafka = services.path(node);
            JsonNode env = kafka.path("environment");
            assertThat(kafka.path("image").asText()).isEqualTo("apache/kafka:4.1.2");
            assertThat(env.path("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
            assertThat(env.path("CLUSTER_ID").asText()).as("one cluster id")
                    .isEqualTo(services.path("kafka-1").path("environment").path("CLUSTER_ID").asText()).isNotBlank();
            assertThat(env.path("KAFKA_CONTROLLER_QUORUM_VOTERS").asText())
                    .isEqualTo("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
            assertThat(env.path("KAFKA_ADVERTISED_LISTENERS").asText()).contains("INTERNAL://" + node + ":19092");
            assertThat(env.path("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR").asInt()).isEqualTo(3);
            assertThat(env.path("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR").asInt()).isEqualTo(3);
            assertThat(env.path("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR").asInt()).isEqualTo(2);
            assertThat(env.path("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR").asInt()).isEqualTo(3);
            assertThat(env.path("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR").asInt()).isEqualTo(2);
            assertThat(env.path("KAFKA_MIN_INSYNC_REPLICAS").asInt()).isEqualTo(2);
            assertThat(kafka.path("healthcheck").path("test").toString()).contains("kafka-broker-api-versions.sh");
            ids.add(env.path("KAFKA_NODE_ID").asText());
        }
        assertThat(ids).containsExactly("1", "2", "3");
    }

    @Test
    void twoInstancesServeAndAcceptWritesOnTheClusterWithReplicatedTopics() {
        assertThat(names(services)).containsAll(INSTANCES).hasSize(KAFKA_NODES.size() + INSTANCES.size());
        List<String> hostPorts = new ArrayList<>();
        List<String> viewVolumes = new ArrayList<>();
        for (String instance : INSTANCES) {
            JsonNode newsfeed = services.path(instance);
            JsonNode env = newsfeed.path("environment");
            assertThat(newsfeed.path("build").path("dockerfile").asText()).isEqualTo("src/main/docker/Dockerfile.jvm");
            assertThat(env.path("KAFKA_BOOTSTRAP_SERVERS").asText())
                    .isEqualTo("kafka-1:19092,kafka-2:19092,kafka-3:19092");
            assertThat(env.path("NEWSFEED_KAFKA_EMBEDDED").asText()).isEqualTo("never");
            assertThat(env.path("NEWSFEED_KAFKA_REPLICATION_FACTOR").asInt()).isEqualTo(3);
            assertThat(env.path("NEWSFEED_KAFKA_MIN_INSYNC_REPLICAS").asInt()).isEqualTo(2);
            assertThat(env.path("NEWSFEED_API_TOKEN").asText()).as("taken from the environment")
                    .isEqualTo("compose-test-token");
            for (String node : KAFKA_NODES) {
                assertThat(newsfeed.path("depends_on").path(node).path("condition").asText())
                        .isEqualTo("service_healthy");
            }
            JsonNode port = newsfeed.path("ports").get(0);
            assertThat(port.path("target").asInt()).isEqualTo(8080);
            hostPorts.add(port.path("published").asText());
            List<String> volumes = new ArrayList<>();
            newsfeed.path("volumes").forEach(volume -> volumes.add(volume.asText()));
            assertThat(volumes).anyMatch(volume -> volume.endsWith("/seeds:/deployments/seeds:ro"));
            volumes.stream().filter(volume -> volume.contains(":/deployments/data/view")).forEach(viewVolumes::add);
            assertThat(newsfeed.path("stop_grace_period").asText()).as("longer than the 10 s drain").isEqualTo("30s");
        }
        assertThat(hostPorts).containsExactly("8080", "8081");
        assertThat(viewVolumes).as("a view volume for each instance").hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void composeFileHoldsNoApiToken() throws Exception {
        String file = Files.readString(Path.of("docker-compose.yml"));
        assertThat(file).doesNotContain("compose-test-token").containsPattern("NEWSFEED_API_TOKEN:\\s*\\n");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> new File(dir, command))
                .anyMatch(File::canExecute);
    }
}
