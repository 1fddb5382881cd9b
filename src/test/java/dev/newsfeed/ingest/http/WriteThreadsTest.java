package dev.newsfeed.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.newsfeed.ingest.ArticleIngestor;
import dev.newsfeed.Writes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.mockito.InjectSpy;
import io.vertx.core.Context;

/**
 * Issue 9, finding 10: parsing, hashing, tagging and the view's lock are worker-thread work. The ingestor is
 * called from the resource method itself, after the parse, so the thread it is called on is the one the
 * resource ran on.
 */
@QuarkusTest
class WriteThreadsTest {

    @InjectSpy
    ArticleIngestor ingestor;

    @Test
    void submissionIsParsedAndPublishedOffTheEventLoop() {
        List<String> threads = new CopyOnWriteArrayList<>();
        doAnswer(call -> {
            threads.add((Context.isOnEventLoopThread() ? "event loop " : "") + Thread.currentThread().getName());
            return call.callRealMethod();
        }).when(ingestor).publish(anyString(), anyString(), any(), anyBoolean());

        Writes.post("Parsed on a worker " + UUID.randomUUID(), "One paragraph.");

        assertThat(threads).singleElement().asString().doesNotStartWith("event loop").startsWith("executor-thread");
    }
}
