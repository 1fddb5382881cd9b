package dev.newsfeed.follower;

import java.util.List;
import java.util.function.Function;

import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import dev.newsfeed.view.Checkpoint;

/**
 * The partitions added to the topics after the view read them, which the reader refuses (README, "Partitions"): the
 * key hash sends some ids to another partition once the count changes, and an id's versions in two partitions would
 * race in every view. Refused partitions are not read; readiness says so, and the log says what to do.
 */
final class AddedPartitions {

    private static final Logger LOG = Logger.getLogger(AddedPartitions.class);

    private volatile List<TopicPartition> refused = List.of();

    /**
     * The partitions of the topics now that a view which names every partition it read does not name: added since.
     * A view that names none, or was written before views named them all, cannot tell.
     */
    static List<TopicPartition> since(Checkpoint checkpoint, List<TopicPartition> partitions,
            Function<TopicPartition, String> log) {
        if (checkpoint.isEmpty() || !checkpoint.listsEveryPartition()) {
            return List.of();
        }
        return partitions.stream().filter(partition -> !checkpoint.next().containsKey(log.apply(partition))).toList();
    }

    List<TopicPartition> refused() {
        return refused;
    }

    void refuse(List<TopicPartition> added) {
        if (added.isEmpty() || added.equals(refused)) {
            return;
        }
        refused = List.copyOf(added);
        LOG.errorf("Partitions %s were added to the topics after this view had read them. newsfeed does not read"
                + " them and is not ready: an article id hashes to another partition once the count changes, and"
                + " its versions in two partitions would race. To change the partition count, create new topics"
                + " with it, copy the latest record of every key into them, and point newsfeed.kafka.topic and"
                + " newsfeed.kafka.retractions-topic at them (each view rebuilds itself). README, \"Partitions\".",
                added);
    }
}
