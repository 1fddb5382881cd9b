package dev.newsfeed.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.newsfeed.Writes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Wrong SCRAM credentials: Kafka refuses the login, and the service says so instead of hanging. One clear ERROR
 * line names the cause and what to check, the {@code kafka} health group is DOWN with the same reason, and a write
 * is answered 503 within the publish timeout.
 */
@QuarkusTest
@TestProfile(SaslScramRefusedTest.WrongCredentials.class)
class SaslScramRefusedTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    public static class WrongCredentials implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ScramBrokerResource.WrongPassword.class));
        }
    }

    @ScramBrokerResource.ServiceLog
    Path log;

    @Test
    void refusedLoginIsLoggedAndReportedDownAndWritesAreAnsweredWithoutHanging() {
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/group/kafka").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks[0].data.broker", containsString("SaslAuthenticationException")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(Files.readString(log))
                .contains("ERROR", "Kafka refused this service's credentials (SaslAuthenticationException",
                        "kafka.sasl.jaas.config"));

        long started = System.nanoTime();
        Writes.authorized().contentType("application/json")
                .body(Map.of("title", "Never acknowledged", "body", List.of("The login was refused.")))
                .post("/articles").then().statusCode(503).header("Retry-After", equalTo("5"))
                .contentType("application/problem+json");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("within the publish timeout (2 s in tests)")
                .isLessThan(Duration.ofSeconds(4));
        given().get("/feed").then().statusCode(503);
    }
}
