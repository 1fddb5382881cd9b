package dev.newsfeed.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import io.smallrye.common.annotation.Identifier;

/**
 * Client settings derived from the same {@code kafka.*} configuration the messaging channels use, so
 * that security, bootstrap servers and timeouts are configured once for every client of the service.
 */
@ApplicationScoped
public class KafkaClients {

    private final Map<String, Object> common;

    KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> common) {
        this.common = Map.copyOf(common);
    }

    /** Settings for a plain consumer: only the keys a consumer knows, with {@code overrides} on top. */
    public Map<String, Object> consumerConfig(Map<String, Object> overrides) {
        return select(ConsumerConfig.configNames(), overrides);
    }

    @Produces
    @ApplicationScoped
    Admin admin() {
        return Admin.create(select(AdminClientConfig.configNames(), Map.of(
                // A health probe must answer quickly when the broker is away.
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.CLIENT_ID_CONFIG, "newsfeed-admin")));
    }

    void close(@Disposes Admin admin) {
        admin.close(Duration.ofSeconds(2));
    }

    private Map<String, Object> select(Set<String> known, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>();
        common.forEach((key, value) -> {
            if (known.contains(key) || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                config.put(key, value);
            }
        });
        config.putAll(overrides);
        return config;
    }
}
