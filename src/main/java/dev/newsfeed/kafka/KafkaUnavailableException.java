package dev.newsfeed.kafka;

/** The broker did not answer in time; what asked may try again later. */
public class KafkaUnavailableException extends Exception {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
