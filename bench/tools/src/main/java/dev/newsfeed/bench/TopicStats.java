package dev.newsfeed.bench;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * The size of the records newsfeed writes: the last SAMPLE records of TOPIC, their average value, key and
 * header bytes. The peers then send records of the same value size.
 *
 * <pre>java dev.newsfeed.bench.TopicStats BOOTSTRAP TOPIC SAMPLE</pre>
 */
public final class TopicStats {

    public static void main(String[] args) {
        int sample = Integer.parseInt(args[2]);
        try (TopicEnd end = new TopicEnd(args[0], args[1])) {
            var consumer = end.consumer();
            consumer.assign(end.partitions());
            Map<TopicPartition, Long> ends = consumer.endOffsets(end.partitions());
            ends.forEach((partition, offset) -> consumer.seek(partition, Math.max(0, offset - sample)));
            long records = 0;
            long values = 0;
            long keys = 0;
            long headers = 0;
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (records < sample && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        continue;
                    }
                    records++;
                    values += record.value().length;
                    keys += record.key() == null ? 0 : record.key().length;
                    for (Header header : record.headers()) {
                        headers += header.key().length() + (header.value() == null ? 0 : header.value().length);
                    }
                }
            }
            System.out.printf("record_sample=%d record_value_bytes=%d record_key_bytes=%d record_header_bytes=%d%n",
                    records, records == 0 ? 0 : values / records, records == 0 ? 0 : keys / records,
                    records == 0 ? 0 : headers / records);
        }
    }
}
