package dev.newsfeed.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;

/**
 * What a reader sees of the page, read in one script call each time, so a list that changes while it is read
 * never yields a stale element.
 */
final class FeedScreen {

    /** The items of the list, top first: {@code id}, {@code title}, {@code mark} (null when unmarked). */
    private static final String ITEMS = "return Array.from(document.querySelectorAll('#articles > li.item'))"
            + ".map(li => ({id: li.dataset.id, title: li.querySelector('h2 a').textContent,"
            + " mark: li.querySelector('.mark') ? li.querySelector('.mark').textContent : null}));";

    /** Everything the page did not make: script and markup it never writes, event handler attributes. */
    private static final String FOREIGN = """
            const found = [];
            for (const script of document.scripts) {
              if (!script.src.endsWith('/reader/app.js')) found.push('script: ' + script.outerHTML);
            }
            const suspects = 'iframe, frame, object, embed, svg, img, base, form, style, link, meta[http-equiv]';
            for (const element of document.querySelectorAll(suspects)) {
              const ours = (element.matches('img') && element.getAttribute('src') === '/reader/icon.svg')
                || (element.matches('link') && element.closest('head'))
                || (element.matches('form') && element.classList.contains('search'));
              if (!ours) found.push('element: ' + element.outerHTML.slice(0, 200));
            }
            for (const element of document.querySelectorAll('*')) {
              for (const attribute of element.attributes) {
                if (attribute.name.startsWith('on')) found.push('handler: ' + attribute.name);
                if (/^\\s*javascript:/i.test(attribute.value)) found.push('javascript: ' + attribute.value);
              }
            }
            return found;
            """;

    private final ChromeDriver driver;

    FeedScreen(ChromeDriver driver) {
        this.driver = driver;
    }

    record Item(String id, String title, String mark) {
    }

    @SuppressWarnings("unchecked")
    List<Item> items() {
        List<Map<String, String>> rows = (List<Map<String, String>>) driver.executeScript(ITEMS);
        return rows.stream().map(row -> new Item(row.get("id"), row.get("title"), row.get("mark"))).toList();
    }

    List<String> ids() {
        return items().stream().map(Item::id).toList();
    }

    String state() {
        return (String) driver.executeScript("const s = document.getElementById('status');"
                + " return s ? s.dataset.state : null;");
    }

    void awaitLive() {
        await().atMost(Duration.ofSeconds(15)).until(() -> "live".equals(state()));
    }

    /**
     * No alert is open, the page holds nothing it did not make, no CSP violation was reported to the page and the
     * console holds no error.
     */
    @SuppressWarnings("unchecked")
    void assertNothingRan() {
        assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
        assertThat((List<String>) driver.executeScript(FOREIGN)).isEmpty();
        assertThat(driver.executeScript("return document.documentElement.dataset.cspViolations")).isEqualTo("0");
        List<LogEntry> console = HeadlessChromium.console(driver);
        assertThat(console).as("console").noneMatch(entry -> entry.getLevel().intValue() >= 900);
    }
}
