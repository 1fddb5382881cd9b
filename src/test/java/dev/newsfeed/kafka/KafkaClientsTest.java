package dev.newsfeed.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The clients made by hand get the security settings of {@code kafka.*} like the SmallRye channels do: a secured
 * cluster needs every one of them to log in, and a setting lost on the way would show only in production.
 */
class KafkaClientsTest {

    private static final Map<String, Object> SECURED = Map.of(
            "bootstrap.servers", "kafka-1:9093",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                    + " username=\"newsfeed\" password=\"test-only\";",
            "ssl.truststore.location", "/etc/newsfeed/truststore.p12",
            "ssl.truststore.password", "test-only",
            "ssl.truststore.type", "PKCS12",
            "ssl.endpoint.identification.algorithm", "https",
            // A producer's setting: meaningless to a consumer or an admin client, which would warn about it.
            "acks", "all");

    private final KafkaClients clients = new KafkaClients(SECURED);

    @Test
    void viewConsumerGetsBootstrapServersAndEverySecuritySetting() {
        Map<String, Object> consumer = clients.consumerConfig(Map.of("client.id", "newsfeed-view"));

        assertThat(consumer).containsAllEntriesOf(withoutAcks()).containsEntry("client.id", "newsfeed-view")
                .doesNotContainKey("acks");
    }

    @Test
    void adminClientGetsBootstrapServersAndEverySecuritySetting() {
        assertThat(clients.adminConfig()).containsAllEntriesOf(withoutAcks()).doesNotContainKey("acks");
    }

    @Test
    void settingsOfALoginModuleUnknownToTheClientStillPass() {
        KafkaClients custom = new KafkaClients(Map.of("bootstrap.servers", "kafka:9092",
                "sasl.oauthbearer.custom.scope", "feeds", "ssl.engine.custom.flag", "on"));

        assertThat(custom.consumerConfig(Map.of())).containsEntry("sasl.oauthbearer.custom.scope", "feeds")
                .containsEntry("ssl.engine.custom.flag", "on");
    }

    private static Map<String, Object> withoutAcks() {
        Map<String, Object> expected = new HashMap<>(SECURED);
        expected.remove("acks");
        return expected;
    }
}
