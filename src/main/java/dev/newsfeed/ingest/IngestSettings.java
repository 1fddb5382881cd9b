package dev.newsfeed.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "newsfeed.ingest")
public interface IngestSettings {

    /** The folder whose {@code *.txt} files (subfolders included) are articles. */
    @WithDefault("seeds")
    String folder();

    /** Whether the folder is read at all; off for an instance that only serves the feed. */
    @WithDefault("true")
    boolean folderEnabled();

    /** The largest source accepted, in bytes: well below Kafka's default 1 MiB record limit. */
    @WithDefault("524288")
    int maxBytes();
}
