package dev.newsfeed.kafka;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Decides, once and before anything connects, whether this service runs its own broker: in mode
 * {@code auto}, when no config source (environment, system properties, application.properties...)
 * names {@code kafka.bootstrap.servers}. It then points {@code kafka.bootstrap.servers} at the embedded
 * broker, at the lowest precedence, so the messaging channels, the admin client and the feed reader all
 * find it the way they would find any cluster; {@link EmbeddedKafka} starts it.
 */
public class EmbeddedKafkaConfigSourceFactory implements ConfigSourceFactory {

    static final String SOURCE_NAME = "newsfeed-embedded-kafka";
    static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    /**
     * Quarkus records at build time the runtime values it saw then, this factory's own among them, and
     * replays them at runtime from this source (ordinal 0). A value found only there is not the user's.
     */
    static final String RECORDED_AT_BUILD = "Runtime Values";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue servers = context.getValue(BOOTSTRAP_SERVERS);
        boolean configured = servers != null && servers.getValue() != null && !servers.getValue().isBlank()
                && !RECORDED_AT_BUILD.equals(servers.getSourceName());
        if (configured || "never".equals(valueOf(context, "newsfeed.kafka.embedded", "auto"))) {
            return List.of();
        }
        String port = valueOf(context, "newsfeed.kafka.embedded-port", "9092");
        return List.of(new EmbeddedKafkaSource(Map.of(BOOTSTRAP_SERVERS, "localhost:" + port)));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(10);
    }

    private static String valueOf(ConfigSourceContext context, String name, String defaultValue) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null ? defaultValue : value.getValue().trim();
    }

    /** Below every other source: whatever the user configures wins. */
    private static final class EmbeddedKafkaSource extends MapBackedConfigSource {

        EmbeddedKafkaSource(Map<String, String> properties) {
            super(SOURCE_NAME, properties, 10);
        }
    }
}
