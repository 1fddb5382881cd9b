package dev.newsfeed.view;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * How far back the topics still prove every change, and so which since tokens can be answered. Three
 * things end a token: the topic it counts in was deleted and recreated (another topic id); records after it
 * were deleted (a log now starts after it); or it is older than the topic's {@code delete.retention.ms},
 * after which a tombstone the client has not seen may have been compacted away.
 *
 * @param topicId the articles topic's id, or null while unknown
 * @param logStarts the first offset each log still holds
 * @param tombstoneRetention the articles topic's {@code delete.retention.ms}
 */
public record ChangeHorizon(String topicId, Map<String, Long> logStarts, Duration tombstoneRetention) {

    /** Kafka's default {@code delete.retention.ms}, assumed until the topic's own is read. */
    public static final ChangeHorizon UNKNOWN = new ChangeHorizon(null, Map.of(), Duration.ofDays(1));

    /** The view may lag the topic; a token is trusted this much less than the retention, an hour at most. */
    private static final Duration MAX_MARGIN = Duration.ofHours(1);

    public ChangeHorizon {
        logStarts = Map.copyOf(logStarts);
    }

    public ChangeHorizon withLogStarts(Map<String, Long> starts) {
        return new ChangeHorizon(topicId, starts, tombstoneRetention);
    }

    /** The horizon of a topic recreated under the same name: tokens of the one before are refused from now on, and the old topic's log starts are forgotten. */
    public ChangeHorizon withTopicId(String id) {
        return new ChangeHorizon(id, Map.of(), tombstoneRetention);
    }

    /** How long after it was issued a token can be answered. */
    public Duration tokenLifetime() {
        Duration half = tombstoneRetention.dividedBy(2);
        return tombstoneRetention.minus(half.compareTo(MAX_MARGIN) < 0 ? half : MAX_MARGIN);
    }

    /** @throws SinceExpiredException when changes after {@code since} may have been lost to compaction */
    public void check(ChangeSequence since, Instant now) throws SinceExpiredException {
        if (since.isBeginning()) {
            return;
        }
        if (topicId != null && since.topicId() != null && !topicId.equals(since.topicId())) {
            throw new SinceExpiredException("the token counts in an earlier topic of the same name,"
                    + " which was deleted and created again");
        }
        for (Map.Entry<String, Long> start : logStarts.entrySet()) {
            if (since.next(start.getKey()) < start.getValue()) {
                throw new SinceExpiredException("records before offset " + start.getValue() + " of log "
                        + start.getKey() + " were deleted");
            }
        }
        if (since.issuedAt().plus(tokenLifetime()).isBefore(now)) {
            throw new SinceExpiredException("the token was issued at " + since.issuedAt() + ", more than "
                    + tokenLifetime() + " ago, and tombstones are kept for " + tombstoneRetention);
        }
    }
}
