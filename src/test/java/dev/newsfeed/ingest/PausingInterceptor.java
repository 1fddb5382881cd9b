package dev.newsfeed.ingest;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Pauses the {@link PausableBrokerResource} broker at the moment the producer sends the record of one key, once:
 * the record goes to a broker that will serve it only when it resumes, long after the producer gave up on it. The
 * key is armed through a system property, so that the test and the service's producer (which may live in other
 * class loaders) agree on it.
 */
public class PausingInterceptor implements ProducerInterceptor<Object, Object> {

    static final String ARMED_KEY = "newsfeed.test.pause-on-key";

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        String armed = System.getProperty(ARMED_KEY);
        if (armed != null && armed.equals(record.key()) && System.clearProperty(ARMED_KEY) != null) {
            PausableBrokerResource.pause();
        }
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
