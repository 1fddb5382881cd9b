package dev.newsfeed.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Ingest through the folder: the files of STAGING (written beforehand, on the folder's file system) are renamed
 * into FOLDER at once, and the topic's end offset is watched until it has grown by their number. Prints
 * {@code folder_seconds} (first rename to the last record acknowledged), {@code folder_rate} (articles/s over that)
 * and {@code folder_first_ack_seconds} (first rename to the first record: the settle time and start-up of the
 * pipeline).
 *
 * <pre>java dev.newsfeed.bench.FolderBurst BOOTSTRAP TOPIC STAGING FOLDER TIMEOUT_SECONDS</pre>
 */
public final class FolderBurst {

    public static void main(String[] args) throws IOException, InterruptedException {
        String bootstrap = args[0];
        String topic = args[1];
        Path staging = Path.of(args[2]);
        Path folder = Path.of(args[3]);
        long timeoutNanos = Long.parseLong(args[4]) * 1_000_000_000L;
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(staging)) {
            listing.forEach(files::add);
        }
        try (TopicEnd end = new TopicEnd(bootstrap, topic)) {
            long base = end.end();
            long target = base + files.size();
            long start = System.nanoTime();
            for (Path file : files) {
                Files.move(file, folder.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
            long renamed = System.nanoTime();
            long firstAck = -1;
            long now = renamed;
            long seen = base;
            while (seen < target && now - start < timeoutNanos) {
                Thread.sleep(20);
                seen = end.end();
                now = System.nanoTime();
                if (firstAck < 0 && seen > base) {
                    firstAck = now;
                }
            }
            double seconds = (now - start) / 1e9;
            System.out.printf("folder_files=%d folder_acked=%d folder_seconds=%.3f folder_rate=%.1f"
                    + " folder_rename_seconds=%.3f folder_first_ack_seconds=%.3f folder_rate_after_first_ack=%.1f%n",
                    files.size(), seen - base, seconds, (seen - base) / seconds, (renamed - start) / 1e9,
                    firstAck < 0 ? Double.NaN : (firstAck - start) / 1e9,
                    firstAck < 0 ? Double.NaN : (seen - base) / ((now - firstAck) / 1e9));
            if (seen < target) {
                System.err.println("timed out: " + (seen - base) + " of " + files.size() + " acknowledged");
                System.exit(2);
            }
        }
    }
}
