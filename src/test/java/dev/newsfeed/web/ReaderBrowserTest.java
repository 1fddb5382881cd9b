package dev.newsfeed.web;

import static dev.newsfeed.Writes.authorized;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

import dev.newsfeed.Fixtures;
import dev.newsfeed.Writes;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The reader in a real headless Chromium: what a person sees, live changes, filters, safety, accessibility. */
@QuarkusTest
class ReaderBrowserTest {

    private static final Duration LIVE = Duration.ofSeconds(10);
    private static ChromeDriver driver;

    @TestHTTPResource("/")
    URL root;

    private FeedScreen screen;

    @BeforeAll
    static void startBrowser() {
        driver = HeadlessChromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @BeforeEach
    void freshPage() {
        screen = new FeedScreen(driver);
        HeadlessChromium.viewport(driver, 1280, 900, false);
        HeadlessChromium.colorScheme(driver, "light");
        driver.get(root + "read/none");
        HeadlessChromium.console(driver);
    }

    @Test
    void listShowsTheSeedArticleAndItsPageShowsTheBody() {
        driver.get(root + "?q=zelensky");

        assertThat(screen.items()).extracting(FeedScreen.Item::title).contains(ReaderPagesTest.SEED_TITLE);
        driver.findElement(By.linkText(ReaderPagesTest.SEED_TITLE)).click();

        await().atMost(LIVE).until(() -> driver.getCurrentUrl().endsWith("/read/" + ReaderPagesTest.SEED_ID));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(ReaderPagesTest.SEED_TITLE);
        assertThat(driver.findElement(By.cssSelector(".body")).getText())
                .contains("In this politically charged environment, Putin's recent remarks");
        assertThat(driver.getTitle()).isEqualTo(ReaderPagesTest.SEED_TITLE + " · newsfeed");
    }

    @Test
    void postedArticleAppearsLiveAtTheTopWithTheNewMarkAndACountInTheTitle() {
        driver.get(root.toString());
        screen.awaitLive();

        String id = Writes.post("Reader live " + UUID.randomUUID(), "Arrives without a reload.");

        await().atMost(LIVE).untilAsserted(() -> assertThat(screen.items()).first()
                .satisfies(item -> assertThat(item.id()).isEqualTo(id))
                .satisfies(item -> assertThat(item.mark()).isEqualTo("new")));
        assertThat(driver.getTitle()).matches("\\(\\d+\\) newsfeed");
        screen.assertNothingRan();
    }

    @Test
    void fileDroppedIntoTheIngestFolderAppearsLive() throws IOException {
        driver.get(root.toString());
        screen.awaitLive();
        String name = "reader-drop-" + UUID.randomUUID();
        String title = "Reader Dropped File " + name;

        Path folder = ConfigProvider.getConfig().getValue("newsfeed.ingest.folder", Path.class);
        Files.writeString(folder.resolve(name + ".txt"), "A file someone dropped into the folder.\n" + title
                + "\n\n" + title + "\nIt goes live.\nThe body of the dropped file.\n", StandardCharsets.UTF_8);

        await().atMost(LIVE).untilAsserted(() -> assertThat(screen.items())
                .anySatisfy(item -> assertThat(item).isEqualTo(new FeedScreen.Item(name, title, "new"))));
    }

    @Test
    void deletedArticleLeavesThePage() {
        driver.get(root.toString());
        screen.awaitLive();
        String id = Writes.post("Reader to delete " + UUID.randomUUID(), "Here for a moment.");
        await().atMost(LIVE).until(() -> screen.ids().contains(id));

        authorized().delete("/articles/" + id).then().statusCode(204);

        await().atMost(LIVE).until(() -> !screen.ids().contains(id));
        assertThat(screen.state()).isEqualTo("live");
    }

    @Test
    void editedArticleMovesToTheTopMarkedUpdated() {
        String word = letters(12);
        String id = Writes.post("Reader edit " + word, "First version.");
        await().atMost(LIVE).untilAsserted(() -> given().get("/articles/" + id).then().statusCode(200));
        driver.get(root + "?q=" + word);
        screen.awaitLive();
        assertThat(screen.items()).containsExactly(new FeedScreen.Item(id, "Reader edit " + word, null));

        authorized().contentType("application/json").body(Map.of("title", "Reader edited " + word,
                "body", List.of("Second version."))).put("/articles/" + id).then().statusCode(200);

        await().atMost(LIVE).untilAsserted(() -> assertThat(screen.items())
                .containsExactly(new FeedScreen.Item(id, "Reader edited " + word, "updated")));
    }

    @Test
    void keysMoveBetweenArticlesOpenOneSearchAndShowHelp() {
        String word = letters(12);
        String older = Writes.post("Reader keys older " + word, "First.");
        String newer = Writes.post("Reader keys newer " + word, "Second.");
        await().atMost(LIVE).untilAsserted(() -> given().get("/articles/" + newer).then().statusCode(200));
        driver.get(root + "?q=" + word);
        Actions keys = new Actions(driver);

        keys.sendKeys("j").perform();
        assertThat(current()).isEqualTo(newer);
        keys.sendKeys("j").perform();
        assertThat(current()).isEqualTo(older);
        keys.sendKeys("k").perform();
        assertThat(current()).isEqualTo(newer);
        keys.sendKeys("?").perform();
        assertThat(driver.executeScript("return document.getElementById('help').open")).isEqualTo(true);
        keys.sendKeys("?").perform();
        assertThat(driver.executeScript("return document.getElementById('help').open")).isEqualTo(false);
        keys.sendKeys("/").perform();
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("q");
        keys.sendKeys(Keys.ESCAPE).sendKeys("o").perform();

        await().atMost(LIVE).until(() -> driver.getCurrentUrl().endsWith(ArticleCard.href(newer)));
    }

    @Test
    void listPagesLeftForOthersEndTheirStreamsSoEveryNextPageLoadsAndGoesLiveAndBackResumes() {
        // Chromium keeps a page left for another in its back/forward cache and opens six connections to a host at most:
        // a left page that kept its event stream held one, and the seventh page waited ~50 s for its document.
        driver.manage().timeouts().pageLoadTimeout(LIVE);
        try {
            for (int page = 0; page < 8; page++) {
                driver.get(root + "?q=page" + page);
                screen.awaitLive();
            }
            driver.navigate().back();
            await().atMost(LIVE).until(() -> driver.getCurrentUrl().endsWith("?q=page6"));
            screen.awaitLive();
        } finally {
            driver.manage().timeouts().pageLoadTimeout(Duration.ofMinutes(5));
        }
    }

    @Test
    void searchAndTagFilterTheListAndTheUrlKeepsThem() {
        String word = letters(12);
        String name = "Ottoline " + Character.toUpperCase(word.charAt(0)) + word.substring(1);
        String id = Writes.post("Reader search " + word, "The mayor " + name + " opened the bridge on Monday.",
                "Crowds came to see " + name + " cut the ribbon.");
        await().atMost(LIVE).untilAsserted(() -> given().get("/articles/" + id).then().statusCode(200));
        List<String> tags = given().get("/articles/" + id).then().extract().path("tags");
        String tag = tags.stream().filter(slug -> slug.contains(word)).findFirst().orElseThrow(
                () -> new AssertionError("no tag names " + name + ": " + tags));

        driver.get(root.toString());
        driver.findElement(By.id("q")).sendKeys(word + Keys.ENTER);

        await().atMost(LIVE).until(() -> driver.getCurrentUrl().endsWith("/?q=" + word));
        assertThat(screen.ids()).containsExactly(id);
        screen.awaitLive();
        String unrelated = Writes.post("Reader search unrelated " + UUID.randomUUID(), "Not about it.");
        String related = Writes.post("Reader search again " + word, "Still about " + word + ".");
        await().atMost(LIVE).until(() -> screen.ids().contains(related));
        assertThat(screen.ids()).containsExactly(related, id).doesNotContain(unrelated);

        driver.get(root.toString());
        driver.findElement(By.cssSelector("li.item[data-id='" + id + "'] .chip[href='/?tag=" + tag + "']")).click();

        await().atMost(LIVE).until(() -> driver.getCurrentUrl().endsWith("/?tag=" + tag));
        assertThat(screen.ids()).containsExactly(id);
        assertThat(driver.findElement(By.cssSelector(".tags .chip.active")).getText()).isEqualTo(tag);
        driver.navigate().refresh();
        assertThat(screen.ids()).containsExactly(id);
    }

    @Test
    void hostileTextShowsAsTextAndRunsNothing() {
        String word = letters(12);
        String title = "</title><script>alert('title')</script><img src=x onerror=alert('img')>"
                + " {{page.q}} {#for x in y}{x}{/for} " + word;
        String subtitle = "<a href=\"javascript:alert('link')\">a link</a>";
        String summary = "<svg onload=alert('svg')></svg> {#include reader/base /}";
        String paragraph = "<iframe src=\"javascript:alert('frame')\"></iframe> <style>body{display:none}</style>";
        driver.get(root + "?q=" + word);
        screen.awaitLive();

        String id = authorized().contentType("application/json").body(Map.of("title", title, "subtitle", subtitle,
                "summary", summary, "body", List.of(paragraph))).post("/articles").then().statusCode(201)
                .extract().path("id");

        await().atMost(LIVE).until(() -> screen.ids().contains(id));
        assertThat(screen.items()).containsExactly(new FeedScreen.Item(id, title, "new"));
        assertThat(driver.findElement(By.cssSelector(".item .subtitle")).getText()).isEqualTo(subtitle);
        screen.assertNothingRan();

        driver.navigate().refresh();
        assertThat(screen.items()).containsExactly(new FeedScreen.Item(id, title, null));
        assertThat(driver.findElement(By.cssSelector(".item .summary")).getText()).isEqualTo(summary);
        screen.assertNothingRan();

        driver.findElement(By.cssSelector(".item h2 a")).click();
        await().atMost(LIVE).until(() -> driver.getCurrentUrl().contains("/read/"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(title);
        assertThat(driver.findElement(By.cssSelector(".body p")).getText()).isEqualTo(paragraph);
        assertThat(driver.getTitle()).isEqualTo(title + " · newsfeed");
        screen.assertNothingRan();
    }

    @Test
    void axeFindsNoSeriousViolationOnTheListOrTheArticleInLightOrDark() {
        for (String scheme : List.of("light", "dark")) {
            HeadlessChromium.colorScheme(driver, scheme);
            for (String path : List.of("", "read/" + ReaderPagesTest.SEED_ID, "read/none")) {
                driver.get(root + path);
                Results results = new AxeBuilder().analyze(driver);

                assertThat(results.getViolations()).as(scheme + " /" + path)
                        .filteredOn(rule -> List.of("serious", "critical").contains(rule.getImpact()))
                        .extracting(ReaderBrowserTest::describe)
                        .isEmpty();
            }
        }
    }

    /**
     * Screenshots for a person to look at (and for the README), under target/screenshots/: the list and an
     * article, at a phone's width and a desktop's, light and dark.
     */
    @Test
    void screenshotsAtPhoneAndDesktopWidthInLightAndDark() throws IOException {
        for (String fixture : List.of("business", "science", "sports")) {
            String id = authorized().header("Idempotency-Key", UUID.randomUUID().toString())
                    .contentType("text/plain; charset=utf-8").body(Fixtures.bytes("/enrichment/" + fixture + ".txt"))
                    .post("/articles").then().statusCode(201).extract().path("id");
            await().atMost(LIVE).untilAsserted(() -> given().get("/articles/" + id).then().statusCode(200));
        }
        Path folder = Files.createDirectories(Path.of("target", "screenshots"));
        driver.get(root.toString());
        screen.awaitLive();
        String live = Writes.post("Kyiv Votes to Bring Back the Embankment Tram",
                "The city council voted 41 to 9 on Tuesday to restore the tram line along the Dnipro embankment.",
                "Work starts in spring; the first cars could run within three years.");
        await().atMost(LIVE).until(() -> screen.ids().contains(live));

        // Media and viewport emulation apply to the open page: the live article keeps its "new" mark throughout.
        for (String page : List.of("list", "article")) {
            if (page.equals("article")) {
                driver.get(root + "read/" + ReaderPagesTest.SEED_ID);
            }
            for (String scheme : List.of("light", "dark")) {
                HeadlessChromium.colorScheme(driver, scheme);
                HeadlessChromium.viewport(driver, 390, 844, true);
                save(folder.resolve(page + "-phone-" + scheme + ".png"));
                HeadlessChromium.viewport(driver, 1280, 900, false);
                save(folder.resolve(page + "-desktop-" + scheme + ".png"));
            }
        }
        try (var files = Files.list(folder)) {
            assertThat(files.filter(file -> file.toString().endsWith(".png"))).hasSizeGreaterThanOrEqualTo(8);
        }
    }

    private String current() {
        return (String) driver.executeScript("const item = document.querySelector('li.item.current');"
                + " return item ? item.dataset.id : null;");
    }

    private void save(Path file) throws IOException {
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream().map(node -> node.getTarget() + " " + node.getFailureSummary()).toList();
    }

    /** A word of letters only, so the name tagger takes it as part of a name. */
    private static String letters(int length) {
        StringBuilder word = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return word.toString();
    }
}
