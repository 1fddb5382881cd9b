package dev.newsfeed.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.newsfeed.kafka.KafkaUnavailableException;

class PushStarterTest {

    private final AtomicInteger tries = new AtomicInteger();
    private final AtomicInteger engineStarts = new AtomicInteger();
    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();

    @Test
    void startsTheEngineOnceTheTopicsCanBeCreated() {
        PushStarter starter = starter(() -> {
            if (tries.incrementAndGet() < 3) {
                throw new KafkaUnavailableException("not yet", null);
            }
        });
        starter.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> engineStarts.get() == 1);
        assertThat(tries).hasValue(3);
        assertThat(uncaught).isEmpty();
    }

    @Test
    void stopWhileKafkaIsAwayEndsTheTriesAndNeverStartsTheEngine() {
        PushStarter starter = starter(() -> {
            tries.incrementAndGet();
            throw new KafkaUnavailableException("refused credentials", null);
        });
        starter.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> tries.get() >= 1);

        starter.stop();

        assertThat(starter.running()).as("the starter's thread after stop").isFalse();
        assertThat(engineStarts).hasValue(0);
        assertThat(uncaught).isEmpty();
    }

    @Test
    void aTryThatFailsBecauseTheApplicationStoppedUnderItIsNotThrown() throws InterruptedException {
        CountDownLatch trying = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        PushStarter starter = starter(() -> {
            trying.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                // An admin call may swallow the interrupt and fail later, as here.
            }
            // What a bean reached after its container stopped throws.
            throw new IllegalStateException("ArC container not initialized");
        });
        starter.start();
        trying.await();

        starter.stop();

        assertThat(starter.running()).isFalse();
        assertThat(uncaught).isEmpty();
        assertThat(engineStarts).hasValue(0);
    }

    @Test
    void aFailureWhileTheApplicationRunsIsNotHidden() {
        PushStarter starter = starter(() -> {
            throw new IllegalStateException("a bug");
        });
        starter.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> !uncaught.isEmpty());
        assertThat(uncaught.get(0)).hasMessage("a bug");
    }

    private PushStarter starter(PushStarter.Topics topics) {
        PushStarter starter = new PushStarter(topics, engineStarts::incrementAndGet);
        starter.onUncaught((thread, failure) -> uncaught.add(failure));
        return starter;
    }
}
