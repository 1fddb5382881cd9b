package dev.newsfeed.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import dev.newsfeed.ViewNeverCatchesUp;
import dev.newsfeed.Writes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Wrong SCRAM credentials: Kafka refuses the login, and the service says so instead of hanging. One clear ERROR
 * line names the cause and what to check, the {@code kafka} health group is DOWN with the same reason, and a write
 * is answered 503 within the publish timeout.
 */
@QuarkusTest
@TestProfile(WrongCredentialsProfile.class)
@ViewNeverCatchesUp
class SaslScramRefusedTest {

    @TestHTTPResource(value = "/health/group/kafka", management = true)
    URL kafkaHealth;

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ScramBrokerResource.ServiceLog
    Path log;

    @Test
    void refusedLoginIsLoggedAndReportedDownAndWritesAreAnsweredWithoutHanging() {
        await().atMost(WAIT).untilAsserted(() -> given().get(kafkaHealth).then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks[0].data.broker", containsString("SaslAuthenticationException")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(Files.readString(log))
                .contains("ERROR", "Kafka refused this service's credentials (SaslAuthenticationException",
                        "kafka.sasl.jaas.config"));

        long started = System.nanoTime();
        // The view cannot read the topics either, so a write is refused as on an instance still catching up.
        Writes.authorized().contentType("application/json")
                .body(Map.of("title", "Never acknowledged", "body", List.of("The login was refused.")))
                .post("/articles").then().statusCode(503).header("Retry-After", equalTo("2"))
                .contentType("application/problem+json");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answered, not left hanging")
                .isLessThan(Duration.ofSeconds(10));
        given().get("/feed").then().statusCode(503);
    }
}
