package dev.newsfeed.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigValue;

/** Issue 19 (finding 9): whether someone named the cluster, for newsfeed.kafka.embedded=never to insist on it. */
class EmbeddedKafkaChoiceTest {

    @Test
    void clusterFromTheEnvironmentOrAFileIsConfigured() {
        assertThat(EmbeddedKafka.configuredByUser(value("kafka-1:9092", "EnvConfigSource"))).isTrue();
        assertThat(EmbeddedKafka.configuredByUser(value("kafka-1:9092",
                "PropertiesConfigSource[source=application.properties]"))).isTrue();
    }

    @Test
    void noValueTheEmbeddedBrokersOrOneRecordedAtBuildIsNot() {
        assertThat(EmbeddedKafka.configuredByUser(value(null, null))).isFalse();
        assertThat(EmbeddedKafka.configuredByUser(value(" ", "EnvConfigSource"))).isFalse();
        assertThat(EmbeddedKafka.configuredByUser(value("localhost:9092",
                EmbeddedKafkaConfigSourceFactory.SOURCE_NAME))).isFalse();
        assertThat(EmbeddedKafka.configuredByUser(value("localhost:9092",
                EmbeddedKafkaConfigSourceFactory.RECORDED_AT_BUILD))).isFalse();
        assertThat(EmbeddedKafka.configuredByUser(value("localhost:9092", "DefaultValuesConfigSource"))).isFalse();
    }

    private static ConfigValue value(String value, String source) {
        return ConfigValue.builder().withName("kafka.bootstrap.servers").withValue(value).withConfigSourceName(source)
                .build();
    }
}
