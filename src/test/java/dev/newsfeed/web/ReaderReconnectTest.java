package dev.newsfeed.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

import dev.newsfeed.Writes;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The page comes back after the service restarts and catches up, neither losing nor repeating an article. The
 * restart is played by {@link FlakyProxy} in front of the service: connections end, new ones fail, then are
 * answered 503 for a while, then pass again; meanwhile articles are published.
 */
@QuarkusTest
class ReaderReconnectTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void pageReconnectsAfterARestartAndCatchesUpWithoutLosingOrRepeatingArticles() throws Exception {
        ChromeDriver driver = HeadlessChromium.start();
        try (FlakyProxy proxy = new FlakyProxy(root.getPort())) {
            FeedScreen screen = new FeedScreen(driver);
            driver.get("http://localhost:" + proxy.port() + "/");
            screen.awaitLive();
            String before = Writes.post("Reader before restart " + UUID.randomUUID(), "Seen live.");
            await().atMost(Duration.ofSeconds(10)).until(() -> screen.ids().contains(before));
            proxy.mode(FlakyProxy.Mode.DOWN);
            await().atMost(Duration.ofSeconds(10)).until(() -> "reconnecting".equals(screen.state()));
            String whileDown = Writes.post("Reader while down " + UUID.randomUUID(), "Published during the outage.");
            // EventSource retries by itself after a network error (every 2 s, the stream's retry:).
            await().atMost(Duration.ofSeconds(10)).until(() -> proxy.refused() >= 1);
            proxy.mode(FlakyProxy.Mode.CATCHING_UP);
            String whileCatchingUp = Writes.post("Reader while catching up " + UUID.randomUUID(), "Also missed.");
            // A 503 makes EventSource give up for good; the page's own retry must take over, twice here.
            await().atMost(Duration.ofSeconds(15)).until(() -> proxy.unavailable() >= 2);
            assertThat(screen.state()).isEqualTo("reconnecting");
            proxy.mode(FlakyProxy.Mode.UP);

            await().atMost(Duration.ofSeconds(20)).until(() -> "live".equals(screen.state())
                    && screen.ids().contains(whileCatchingUp));
            assertThat(screen.ids()).contains(whileDown, before).doesNotHaveDuplicates();
            assertThat(screen.ids().subList(0, 3)).containsExactly(whileCatchingUp, whileDown, before);
        } finally {
            driver.quit();
        }
    }
}
