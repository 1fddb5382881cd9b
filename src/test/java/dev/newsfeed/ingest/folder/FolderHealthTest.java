package dev.newsfeed.ingest.folder;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.net.URL;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.newsfeed.http.HttpHardeningProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue 9, finding 12: a folder that is not watched showed nowhere (readiness UP, nothing in health). The profile's
 * ingest folder does not exist.
 */
@QuarkusTest
@TestProfile(HttpHardeningProfile.class)
class FolderHealthTest {

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "/health/group/ingest", management = true)
    URL ingestHealth;

    @Test
    void folderThatIsNotWatchedIsDownInTheIngestGroupWithTheReasonAndTheFeedStaysReady() {
        // Once the view has caught up, the watcher would start: it is told then that the folder is missing.
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get(ready).statusCode() == 200);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get(ingestHealth).statusCode() == 503);

        given().get(ingestHealth).then().statusCode(503)
                .body("checks.find { it.name == 'ingest-folder' }.status", is("DOWN"))
                .body("checks.find { it.name == 'ingest-folder' }.data.detail", containsString("does not exist"));
        given().get(ready).then().statusCode(200);
    }
}
