package dev.newsfeed.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The consumer settings of a member of a group whose partitions are leases, not records to read: the folder's owner
 * (one partition, one owner) and push deliveries (a partition of subscriptions per member). Put over the service's own
 * connection settings. Members are told of every move (cooperative, sticky), commit nothing on their own, and are
 * judged by the session timeout alone.
 */
public final class GroupMembership {

    private GroupMembership() {
    }

    /** @param clientId shown by {@code kafka-consumer-groups.sh --describe}: which instance holds which partition */
    public static Map<String, Object> settings(String group, String clientId, Duration sessionTimeout,
            Duration heartbeatInterval) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        settings.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, GroupProtocol.CLASSIC.name().toLowerCase());
        settings.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        settings.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
        settings.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) heartbeatInterval.toMillis());
        // The rebalance timeout: how long a rebalance may wait for a member that stopped polling.
        settings.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Math.max(30_000, sessionTimeout.toMillis()));
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return settings;
    }
}
