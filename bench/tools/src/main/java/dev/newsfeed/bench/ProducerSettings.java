package dev.newsfeed.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;

import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The settings of newsfeed's articles producer that the peer must share: linger.ms, batch.size and
 * compression.type, as the built service has them (the application.properties inside its jar: the channel's own
 * key, else the connector-wide {@code kafka.} key), else Kafka's client default. Quarkus keeps the producer's own
 * "ProducerConfig values" log line at WARN, so it cannot be read from the log.
 *
 * <pre>java dev.newsfeed.bench.ProducerSettings SERVICE_JAR CHANNEL</pre> prints {@code linger.ms=5 batch.size=…}.
 */
public final class ProducerSettings {

    public static void main(String[] args) throws IOException {
        Properties properties = new Properties();
        try (JarFile jar = new JarFile(args[0]); InputStream in = jar.getInputStream(jar.getEntry("application.properties"))) {
            properties.load(in);
        }
        Map<String, Object> defaults = ProducerConfig.configDef().defaultValues();
        StringBuilder line = new StringBuilder();
        for (String key : new String[] { "linger.ms", "batch.size", "compression.type" }) {
            String value = System.getProperty("mp.messaging.outgoing." + args[1] + "." + key,
                    properties.getProperty("mp.messaging.outgoing." + args[1] + "." + key,
                            properties.getProperty("kafka." + key, String.valueOf(defaults.get(key)))));
            line.append(key).append('=').append(value).append(' ');
        }
        System.out.println(line.toString().trim());
    }
}
