package dev.newsfeed.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Client settings derived from the same {@code kafka.*} configuration the messaging channels use, so
 * that security, bootstrap servers and timeouts are configured once for every client of the service: the
 * SmallRye channels read that configuration themselves, and every client made by hand (the view's consumer, the
 * admin client that creates topics and probes the cluster) is made from {@link #consumerConfig} or {@link #admin}.
 * {@code security.protocol}, {@code sasl.*} and {@code ssl.*} always pass, whatever client they are for.
 */
@ApplicationScoped
public class KafkaClients {

    private static final Logger LOG = Logger.getLogger(KafkaClients.class);

    private final Map<String, Object> common;

    KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> common) {
        this.common = Map.copyOf(common);
    }

    void announce(@Observes StartupEvent event) {
        // Names only, never secrets: enough to tell from the log which cluster and which login were configured.
        LOG.infof("Kafka clients connect to %s with security.protocol=%s%s", common.get("bootstrap.servers"),
                common.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT"),
                common.containsKey(SaslConfigs.SASL_MECHANISM)
                        ? ", sasl.mechanism=" + common.get(SaslConfigs.SASL_MECHANISM) : "");
    }

    /** Settings for a plain consumer: only the keys a consumer knows, with {@code overrides} on top. */
    public Map<String, Object> consumerConfig(Map<String, Object> overrides) {
        return select(ConsumerConfig.configNames(), overrides);
    }

    /** Settings for a plain producer: only the keys a producer knows, with {@code overrides} on top. */
    public Map<String, Object> producerConfig(Map<String, Object> overrides) {
        return select(ProducerConfig.configNames(), overrides);
    }

    @Produces
    @ApplicationScoped
    Admin admin() {
        return Admin.create(adminConfig());
    }

    /** Settings of the admin client: the connection and security settings, and short timeouts. */
    Map<String, Object> adminConfig() {
        return select(AdminClientConfig.configNames(), Map.of(
                // A health probe must answer quickly when the broker is away.
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.CLIENT_ID_CONFIG, "newsfeed-admin"));
    }

    void close(@Disposes Admin admin) {
        admin.close(Duration.ofSeconds(2));
    }

    private Map<String, Object> select(Set<String> known, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>();
        common.forEach((key, value) -> {
            // The prefixes too: a login module's or an SSL engine factory's own settings are unknown to the
            // client's config definition, and dropping them would silently change how it logs in.
            if (known.contains(key) || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                config.put(key, value);
            }
        });
        config.putAll(overrides);
        return config;
    }
}
