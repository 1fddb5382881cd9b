package dev.newsfeed.feed;

import static dev.newsfeed.Writes.authorized;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.io.SyndFeedInput;

import dev.newsfeed.Fixtures;
import dev.newsfeed.article.Article;
import dev.newsfeed.article.ArticleText;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Issue 9, findings 1 and 4, end to end: no article makes a feed fail for its readers, whoever wrote it to the
 * topic, and article text reaches every format as text. Not run against the packaged jar: it writes to the topic.
 */
@QuarkusTest
class HostileArticlesFeedTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "newsfeed.kafka.topic")
    String topic;

    @Inject
    ObjectMapper json;

    @Test
    void recordWithCharactersXmlRefusesLeavesEveryFeedReadable() throws Exception {
        String source = "others:" + UUID.randomUUID();
        String id = "others-" + UUID.randomUUID();
        Article written = Article.first(id, source, new ArticleText(
                "Title \u0001\u0000\u000B\u001B\uFFFE\uFFFF\uD800 end", null, "Summary \u0007",
                List.of("Body \u202E one.")), Instant.now());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new StringSerializer())) {
            // UTF-8 cannot carry a lone surrogate; a JSON escape can, and Jackson reads it back as one.
            String value = json.writeValueAsString(written).replace("\uD800", "\\ud800");
            producer.send(new ProducerRecord<>(topic, id, value)).get();
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> given().get("/articles/" + id).then().statusCode(200));

        for (String path : List.of("/feed.atom", "/feed.rss")) {
            String xml = given().queryParam("source", source).get(path).then().statusCode(200).extract().asString();
            assertThat(entry(xml).getTitle()).isEqualTo("Title \uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD end");
        }
        for (String type : List.of(FeedRenderer.ATOM, FeedRenderer.RSS)) {
            given().accept(type).queryParam("source", source).get("/feed").then().statusCode(200).contentType(type);
        }
        given().queryParam("source", source).get("/feed.json").then().statusCode(200);
    }

    @Test
    void rssAndAtomCarryScriptAsEscapedTextAndJsonFeedAsText() throws Exception {
        String source = authorized().header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType("text/plain; charset=utf-8").body(Fixtures.bytes("/articles/markup.txt"))
                .post("/articles").then().statusCode(201).extract().path("source");
        await().atMost(Duration.ofSeconds(20)).until(() -> given().queryParam("source", source)
                .get("/feed").then().statusCode(200).extract().jsonPath().getList("items").size() == 1);

        SyndEntry rss = entry(given().queryParam("source", source).get("/feed.rss").then().statusCode(200)
                .extract().asString());
        assertThat(rss.getDescription().getValue())
                .isEqualTo("Readers must see &lt;script&gt;alert(&#39;summary&#39;)&lt;/script&gt; as words.");
        assertThat(rss.getContents().get(0).getValue()).startsWith(
                "<p>First paragraph: &lt;iframe src=javascript:alert(&#39;body&#39;)&gt;&lt;/iframe&gt; is a string");

        SyndEntry atom = entry(given().queryParam("source", source).get("/feed.atom").then().statusCode(200)
                .extract().asString());
        assertThat(atom.getDescription().getValue())
                .isEqualTo("Readers must see <script>alert('summary')</script> as words.");
        assertThat(atom.getContents().get(0).getType()).isEqualTo("html");
        assertThat(atom.getContents().get(0).getValue()).startsWith(
                "<p>First paragraph: &lt;iframe src=javascript:alert(&#39;body&#39;)&gt;&lt;/iframe&gt; is a string");

        JsonPath jsonFeed = given().queryParam("source", source).get("/feed.json").then().statusCode(200)
                .extract().jsonPath();
        assertThat(jsonFeed.getString("items[0].content_text"))
                .startsWith("First paragraph: <iframe src=javascript:alert('body')></iframe>");
        assertThat(jsonFeed.getMap("items[0]")).doesNotContainKey("content_html");
    }

    private static SyndEntry entry(String xml) throws Exception {
        List<SyndEntry> entries = new SyndFeedInput().build(new StringReader(xml)).getEntries();
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }
}
