package dev.newsfeed.ingest.folder;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.newsfeed.ingest.IngestOutcome;
import dev.newsfeed.ingest.SourceLedger;
import dev.newsfeed.view.FeedView;
import dev.newsfeed.Fixtures;
import dev.newsfeed.article.Article;
import dev.newsfeed.article.ArticleIds;
import dev.newsfeed.article.Sha256;
import dev.newsfeed.kafka.SuiteTopics;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The watched ingest folder, on the real broker: files dropped, written slowly, edited, refused. */
@QuarkusTest
class FolderIngestTest {

    @TestHTTPResource(value = "/health/group/ingest", management = true)
    URL ingestHealth;


    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    FolderIngest folderIngest;

    @Inject
    FeedView view;

    @Inject
    SourceLedger ledger;

    @ConfigProperty(name = "newsfeed.ingest.folder")
    Path folder;

    @Inject
    SuiteTopics topics;

    @Test
    void fileRenamedIntoPlaceWhileRunningReachesTheFeed() throws Exception {
        String name = "dropped-" + UUID.randomUUID();
        Path hidden = folder.resolve("." + name + ".tmp");
        Files.writeString(hidden, Fixtures.article("canonical.txt"));

        Files.move(hidden, folder.resolve(name + ".txt"), StandardCopyOption.ATOMIC_MOVE);

        Article article = awaitArticle(name);
        assertThat(article.title()).isEqualTo("Kyiv Votes to Bring Back the Embankment Tram");
        assertThat(article.source()).isEqualTo("file:" + name + ".txt");
    }

    @Test
    void fileInASubfolderCreatedWhileRunningReachesTheFeed() throws Exception {
        String sub = "desk-" + UUID.randomUUID();
        Files.createDirectory(folder.resolve(sub));
        Files.writeString(folder.resolve(sub).resolve("story.txt"), Fixtures.article("missing-summary.txt"));

        Article article = awaitArticle(ArticleIds.forFile(Path.of(sub, "story.txt")));

        assertThat(article.summary()).isNull();
    }

    @Test
    void fileWrittenSlowlyIsPublishedOnlyWhole() throws Exception {
        String name = "slow-" + UUID.randomUUID();
        Path file = folder.resolve(name + ".txt");
        byte[] text = Fixtures.article("canonical.txt").getBytes(StandardCharsets.UTF_8);
        int chunks = 12;
        int chunk = text.length / chunks + 1;
        AtomicInteger written = new AtomicInteger();
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        try {
            // One more chunk every 100 ms. Every version but the whole one is dated an hour ahead, as a writer
            // still at work keeps its file dated "now": none can settle, however long the JVM pauses. Each is
            // renamed into place, so no version is ever seen with the time it was written.
            writer.scheduleAtFixedRate(() -> {
                int upTo = Math.min(text.length, (written.get() + 1) * chunk);
                if (written.get() * chunk < text.length) {
                    replace(file, Arrays.copyOf(text, upTo), upTo < text.length);
                    written.incrementAndGet();
                }
            }, 0, 100, TimeUnit.MILLISECONDS);

            Article article = awaitArticle(name);

            assertThat(article.body()).hasSize(3);
            assertThat(recordsOf(name)).as("one version: no half-read one before it").hasSize(1);
            assertThat(topics.deadLetters())
                    .as("no half-read file refused").noneMatch(r -> ("file:" + name + ".txt").equals(r.key()));
        } finally {
            writer.shutdownNow();
        }
    }

    @Test
    void ingestFolderHealthIsUpWhileTheWatcherWorks() {
        given().get(ingestHealth).then().statusCode(200)
                .body("checks.find { it.name == 'ingest-folder' }.status", is("UP"))
                .body("checks.find { it.name == 'ingest-folder' }.data.detail", startsWith("watching "));
    }

    @Test
    void sameFileWrittenAgainGivesOneArticle() throws Exception {
        String name = "twice-" + UUID.randomUUID();
        Path file = folder.resolve(name + ".txt");
        Files.writeString(file, Fixtures.article("canonical.txt"));
        awaitArticle(name);

        Files.writeString(file, Fixtures.article("crlf.txt"));
        await().atMost(WAIT).until(() -> ledger.get("file:" + name + ".txt").updatedAt()
                .isAfter(Files.getLastModifiedTime(file).toInstant()));

        assertThat(recordsOf(name)).hasSize(1);
    }

    @Test
    void editedFileReplacesItsArticleAndKeepsItsFirstPublication() throws Exception {
        String name = "edited-" + UUID.randomUUID();
        Path file = folder.resolve(name + ".txt");
        Files.writeString(file, Fixtures.article("canonical.txt"));
        Article first = awaitArticle(name);

        Files.writeString(file, Fixtures.article("canonical.txt").replace("Tuesday", "Wednesday"));

        await().atMost(WAIT).until(() -> !view.holds(name, first.contentHash()));
        Article edited = view.find(name).orElseThrow();
        assertThat(edited.body().get(0)).contains("Wednesday");
        assertThat(edited.publishedAt()).isEqualTo(first.publishedAt());
        assertThat(edited.updatedAt()).isAfter(first.updatedAt());
    }

    @Test
    void fileThatIsNotAnArticleIsKeptWithItsReasonOnTheDeadLetterTopic() throws Exception {
        String name = "binary-" + UUID.randomUUID();
        byte[] content = Fixtures.bytes("/articles/binary.txt");
        Files.write(folder.resolve(name + ".txt"), content);
        String source = "file:" + name + ".txt";

        await().atMost(WAIT).until(
                () -> ledger.get(source) != null && ledger.get(source).state() == SourceLedger.State.FAILED);
        assertThat(ledger.get(source).reason()).startsWith("BINARY: line 2");
        assertThat(view.find(name)).isEmpty();
        assertThat(Files.exists(folder.resolve(name + ".txt"))).as("files are never deleted").isTrue();

        ConsumerRecord<String, String> deadLetter = awaitDeadLetter(source);
        assertThat(deadLetter.value().getBytes(StandardCharsets.ISO_8859_1)).hasSize(content.length);
        assertThat(header(deadLetter, "newsfeed.stage")).isEqualTo("parse");
        assertThat(header(deadLetter, "newsfeed.reason")).isEqualTo("BINARY");
        assertThat(header(deadLetter, "newsfeed.line")).isEqualTo("2");
        assertThat(header(deadLetter, "newsfeed.size")).isEqualTo(String.valueOf(content.length));
        assertThat(header(deadLetter, "newsfeed.sha256")).isEqualTo(Sha256.hex(content));
    }

    @Test
    void fileOverTheSizeLimitIsRefusedAndItsHeadKept() throws Exception {
        String name = "huge-" + UUID.randomUUID();
        String paragraph = "A long paragraph of a very long article. ".repeat(100) + "\n";
        Path file = folder.resolve(name + ".txt");
        try (var out = Files.newBufferedWriter(file)) {
            out.write("Huge\n\nHuge\n");
            for (int i = 0; i < 5 * 1024 * 1024 / paragraph.length() + 1; i++) {
                out.write(paragraph);
            }
        }
        long size = Files.size(file);
        String source = "file:" + name + ".txt";

        ConsumerRecord<String, String> deadLetter = awaitDeadLetter(source);

        assertThat(size).isGreaterThan(5L * 1024 * 1024);
        assertThat(header(deadLetter, "newsfeed.reason")).isEqualTo("TOO_LARGE");
        assertThat(header(deadLetter, "newsfeed.size")).isEqualTo(String.valueOf(size));
        assertThat(header(deadLetter, "newsfeed.truncated")).isEqualTo("true");
        assertThat(deadLetter.value()).hasSize(64 * 1024).startsWith("Huge");
        assertThat(ledger.get(source).state()).isEqualTo(SourceLedger.State.FAILED);
    }

    @Test
    void linkLeadingOutOfTheFolderIsNotFollowedButOneInsideIs() throws Exception {
        Path outside = Files.createTempDirectory("newsfeed-outside").resolve("secret.txt");
        Files.writeString(outside, Fixtures.article("canonical.txt"));
        String escaping = "link-out-" + UUID.randomUUID();
        String inside = "link-in-" + UUID.randomUUID();
        Files.writeString(folder.resolve(inside + "-target.txt"), Fixtures.article("missing-summary.txt"));

        Files.createSymbolicLink(folder.resolve(escaping + ".txt"), outside);
        Files.createSymbolicLink(folder.resolve(inside + ".txt"), folder.resolve(inside + "-target.txt"));

        awaitArticle(inside);
        awaitArticle(inside + "-target");
        try (FolderWatcher rescan = folderIngest.newWatcher()) {
            rescan.start();
            await().atMost(WAIT).until(() -> rescan.hasRescanned() && rescan.backlog() == 0);
        }
        assertThat(view.find(escaping)).isEmpty();
        assertThat(ledger.get("file:" + escaping + ".txt")).isNull();
    }

    /** Issue 9, finding 3: a file replaced by a link out of the folder after the watcher's check was published. */
    @Test
    void fileSwappedForSymlinkBeforeReadIsNeverPublished() throws Exception {
        Path secret = Files.createTempDirectory("newsfeed-outside").resolve("passwd");
        Files.writeString(secret, "root:x:0:0:root:/root:/bin/bash\n");
        String name = "swapped-" + UUID.randomUUID();
        Path file = Files.createSymbolicLink(folder.resolve(name + ".txt"), secret);

        // Handed over as the watcher would, had the file been swapped just after its look.
        IngestOutcome outcome = folderIngest.ingest(file).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(outcome).as("nothing read, nothing published").isNull();
        assertThat(ledger.get("file:" + name + ".txt")).isNull();
        assertThat(recordsOf(name)).isEmpty();
        assertThat(topics.deadLetters()).noneMatch(r -> r.value() != null && r.value().contains("root:x:0:0"));
    }

    /** Issue 9, finding 3: a file that became a FIFO before the read blocked the watcher's thread for good. */
    @Test
    void fifoInFolderNeverBlocksTheIngest() throws Exception {
        Path fifo = FolderFileReaderTest.mkfifo(folder.resolve("fifo-" + UUID.randomUUID() + ".txt"));
        try {
            IngestOutcome outcome = assertTimeoutPreemptively(WAIT,
                    () -> folderIngest.ingest(fifo).toCompletableFuture().get());

            assertThat(outcome).as("never opened").isNull();
        } finally {
            Files.delete(fifo);
        }
    }

    @Test
    void restartedWatcherRepublishesNothing() throws Exception {
        await().atMost(WAIT).until(() -> view.find("000_22b61c6839899886").isPresent());
        long before = topics.articlesEndOffset();

        try (FolderWatcher afterRestart = folderIngest.newWatcher()) {
            afterRestart.start();
            await().atMost(WAIT).until(() -> afterRestart.hasRescanned() && afterRestart.backlog() == 0);
        }

        assertThat(topics.articlesEndOffset()).isEqualTo(before);
    }

    private Article awaitArticle(String id) {
        await().atMost(WAIT).until(() -> view.find(id).isPresent());
        return view.find(id).orElseThrow();
    }

    private List<ConsumerRecord<String, String>> recordsOf(String id) {
        return topics.articleRecords(id);
    }

    private ConsumerRecord<String, String> awaitDeadLetter(String source) {
        return await().atMost(WAIT).until(
                () -> topics.deadLetters().stream()
                        .filter(r -> source.equals(r.key())).findFirst().orElse(null),
                Objects::nonNull);
    }

    private static String header(ConsumerRecord<String, String> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Puts a version of a file in place at once; {@code unfinished} dates it an hour ahead. */
    private static void replace(Path file, byte[] content, boolean unfinished) {
        try {
            Path part = file.resolveSibling("." + file.getFileName() + ".part");
            Files.write(part, content);
            if (unfinished) {
                Files.setLastModifiedTime(part, FileTime.from(Instant.now().plus(Duration.ofHours(1))));
            }
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
