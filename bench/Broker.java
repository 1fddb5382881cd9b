import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import dev.newsfeed.kafka.EmbeddedKafkaBroker;

/**
 * A standalone single-node KRaft broker for the benchmarks, in a JVM of its own so that the service under
 * test shares nothing with it but the machine: the service's own embedded broker
 * ({@code dev.newsfeed.kafka.EmbeddedKafkaBroker}, so the settings are the service's), on localhost only. It
 * prints {@code BROKER READY} once it accepts clients and stops cleanly on SIGTERM.
 *
 * <pre>java -cp "$(cat classpath):target/classes" bench/Broker.java PORT DATA_DIR</pre>
 */
public class Broker {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(port, Path.of(args[1]).toAbsolutePath()).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        System.out.println("BROKER READY " + broker.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
