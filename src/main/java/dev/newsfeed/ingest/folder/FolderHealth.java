package dev.newsfeed.ingest.folder;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import dev.newsfeed.ingest.IngestSettings;
import io.smallrye.health.api.HealthGroup;

/**
 * Whether the ingest folder is being watched, at {@code /q/health/group/ingest}: DOWN with the reason when
 * the watcher could not start, stopped, keeps failing to list the folder, or is stuck. A group of its own,
 * like {@code kafka}, not readiness: an instance whose folder is broken still serves its feed.
 */
@HealthGroup("ingest")
@ApplicationScoped
public class FolderHealth implements HealthCheck {

    private final FolderIngest ingest;
    private final IngestSettings settings;

    FolderHealth(FolderIngest ingest, IngestSettings settings) {
        this.ingest = ingest;
        this.settings = settings;
    }

    @Override
    public HealthCheckResponse call() {
        FolderWatcher.Health health = ingest.health();
        return HealthCheckResponse.named("ingest-folder")
                .status(health.up())
                .withData("folder", settings.folder())
                .withData("detail", health.detail())
                .build();
    }
}
