package dev.newsfeed.view;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;

/** The folder on disk, noting the name of every file created in it: what reaches the disk, and when. */
final class RecordingDirectory extends FilterDirectory {

    private final List<String> created;

    private RecordingDirectory(Path folder, List<String> created) throws IOException {
        super(FSDirectory.open(folder));
        this.created = created;
    }

    /** {@link ArticleIndex.Directories} that note into {@code created}, which must be safe for several threads. */
    static ArticleIndex.Directories into(List<String> created) {
        return folder -> new RecordingDirectory(folder, created);
    }

    @Override
    public IndexOutput createOutput(String name, IOContext context) throws IOException {
        created.add(name);
        return super.createOutput(name, context);
    }

    @Override
    public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
        IndexOutput output = super.createTempOutput(prefix, suffix, context);
        created.add(output.getName());
        return output;
    }
}
