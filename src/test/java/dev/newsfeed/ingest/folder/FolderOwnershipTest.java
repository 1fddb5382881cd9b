package dev.newsfeed.ingest.folder;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.newsfeed.Writes;
import dev.newsfeed.kafka.ArticleTopic;
import dev.newsfeed.kafka.KafkaClients;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The folder-owner lease on the suite's real broker: the service's own, and several members of one group on a
 * lease topic and group of each test's own, so that the service's lease is not disturbed.
 */
@QuarkusTest
class FolderOwnershipTest {

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;


    private static final Duration SESSION = Duration.ofSeconds(6);
    private static final Duration HEARTBEAT = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    KafkaClients clients;

    @Inject
    ArticleTopic topics;

    private final String topic = "test.folder-owner." + UUID.randomUUID();
    private final String group = "test-folder-owner-" + UUID.randomUUID();
    /** How many members read the folder at this moment, and the most there ever were at once. */
    private final AtomicInteger owners = new AtomicInteger();
    private final AtomicInteger mostOwnersAtOnce = new AtomicInteger();
    private final List<FolderOwnership> members = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void closeMembers() {
        members.forEach(FolderOwnership::close);
    }

    @Test
    void serviceAloneOnItsGroupOwnsTheFolderAndSaysSoInStatusAndMetrics() {
        await().atMost(WAIT).untilAsserted(() -> Writes.authorized().get("/ingest/status").then().statusCode(200)
                .body("folder.owner", is(true))
                .body("folder.instance", is(not(emptyOrNullString())))
                .body("folder.leaseGroup", is("newsfeed-folder-owner")));
        given().get(metrics).then().statusCode(200)
                .body(containsString("newsfeed_ingest_folder_owner 1.0"));
    }

    @Test
    void oneMemberOwnsTheFolderAndAnotherTakesOverWhenItStops() {
        FolderOwnership first = member("first");
        await().atMost(WAIT).until(first::owns);
        FolderOwnership second = member("second");
        FolderOwnership third = member("third");
        await().atMost(WAIT).until(() -> second.joined() && third.joined());
        assertThat(first.owns()).as("members that join leave the folder where it is").isTrue();
        assertThat(second.owns() || third.owns()).isFalse();

        long stopped = System.nanoTime();
        first.close();

        assertThat(first.owns()).isFalse();
        await().atMost(WAIT).until(() -> second.owns() || third.owns());
        assertThat(Duration.ofNanos(System.nanoTime() - stopped)).as("a member that leaves is replaced at once")
                .isLessThan(SESSION);
        assertThat(second.owns() && third.owns()).isFalse();
        assertThat(mostOwnersAtOnce).as("never two owners at once").hasValue(1);
    }

    @Test
    void closedOwnerReleasesTheFolderBeforeItReturns() {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        FolderOwnership only = member("only", calls);
        await().atMost(WAIT).until(only::owns);

        only.close();

        assertThat(calls).containsExactly("acquired", "released");
    }

    private FolderOwnership member(String name) {
        return member(name, Collections.synchronizedList(new ArrayList<>()));
    }

    private FolderOwnership member(String name, List<String> calls) {
        OwnerLease lease = new OwnerLease(topic, new OwnerLease.Owner() {
            @Override
            public void acquired() {
                calls.add("acquired");
                mostOwnersAtOnce.accumulateAndGet(owners.incrementAndGet(), Math::max);
            }

            @Override
            public void released() {
                calls.add("released");
                owners.decrementAndGet();
            }
        });
        FolderOwnership member = new FolderOwnership(clients.consumerConfig(
                FolderOwnership.leaseSettings(group, name, SESSION, HEARTBEAT)), topic,
                () -> topics.ensureCoordinationTopic(topic), lease);
        members.add(member);
        member.start();
        return member;
    }
}
