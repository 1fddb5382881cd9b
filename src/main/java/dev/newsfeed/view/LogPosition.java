package dev.newsfeed.view;

/**
 * Where a record sits in Kafka: a log (one partition of the articles topic, {@code a0, a1, ...}, or of the
 * retractions topic, {@code r0, ...}) and its offset there. The same on every instance that reads the topics.
 */
public record LogPosition(String log, long offset) {

    public static LogPosition article(int partition, long offset) {
        return new LogPosition("a" + partition, offset);
    }

    public static LogPosition retraction(int partition, long offset) {
        return new LogPosition("r" + partition, offset);
    }
}
