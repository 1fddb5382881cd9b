package dev.newsfeed;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.newsfeed.follower.ViewUpdater;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * Before every {@code @QuarkusTest} method, waits for the instance's view to have caught up with the topics. A test
 * profile restarts Quarkus, and until the restarted view has read the topics every write and feed request is
 * answered 503 (by design: it is the start-up replay); a test that asks at once would fail now and then.
 * Tests of an instance that never catches up say so with {@link ViewNeverCatchesUp}.
 */
public class ViewCaughtUpFirst implements QuarkusTestBeforeEachCallback {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        for (var annotation : context.getTestInstance().getClass().getAnnotations()) {
            // By name: the annotation may come from another class loader than this callback.
            if (annotation.annotationType().getName().equals(ViewNeverCatchesUp.class.getName())) {
                return;
            }
        }
        ArcContainer container = Arc.container();
        if (container == null || !container.isRunning()) {
            return;
        }
        ViewUpdater updater = container.instance(ViewUpdater.class).get();
        await().atMost(WAIT).until(updater::isCaughtUp);
    }
}
