package dev.newsfeed.follower;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * DOWN when the view cannot mend itself and only a restart of the process helps, so that an orchestrator restarts
 * it: the index writer failed again after the reader opened a new one (a disk that stays full, a folder that turned
 * read-only), or the reader ended on an error of the virtual machine (out of memory). Everything else (a Kafka
 * outage, a rebuild, a stall) is readiness' business: a restart would not mend it.
 */
@Liveness
@ApplicationScoped
public class ViewLiveness implements HealthCheck {

    private final ViewUpdater updater;

    ViewLiveness(ViewUpdater updater) {
        this.updater = updater;
    }

    @Override
    public HealthCheckResponse call() {
        ArticleTopicReader reader = updater.reader();
        boolean ended = updater.readerEnded();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("feed-view")
                .status(!reader.cannotRecover() && !ended)
                .withData("readerRunning", !ended);
        Throwable writer = reader.writerFailure();
        if (writer != null) {
            response.withData("indexWriterFailure", writer.toString());
        }
        if (reader.lastFailure() != null) {
            response.withData("lastReaderFailure", reader.lastFailure());
        }
        return response.build();
    }
}
