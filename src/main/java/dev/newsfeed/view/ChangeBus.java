package dev.newsfeed.view;

import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import dev.newsfeed.log.LogValues;

/**
 * The listeners of the view's changes (the streams), and the head they start from: moved and told in one step, so
 * that a listener gets either a batch's changes or a head after them, never both, never neither. A listener runs on
 * the applying thread; one that fails is dropped, so that it cannot stop the view from applying the topics.
 */
final class ChangeBus {

    private static final Logger LOG = Logger.getLogger(ChangeBus.class);

    private final List<Consumer<List<FeedChange>>> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    // Guarded by lock: for every log, the offset after the last record whose changes the listeners were told of.
    private SortedMap<String, Long> head;

    ChangeBus(SortedMap<String, Long> head) {
        this.head = head;
    }

    /** Whether anyone listens: then every batch is shown as it is applied. */
    boolean listened() {
        return !listeners.isEmpty();
    }

    SortedMap<String, Long> head() {
        synchronized (lock) {
            return head;
        }
    }

    /** Moves the head to {@code next} and tells every listener of {@code heard}, the changes up to it. */
    void publish(SortedMap<String, Long> next, List<FeedChange> heard) {
        synchronized (lock) {
            head = next;
            if (heard.isEmpty()) {
                return;
            }
            for (Consumer<List<FeedChange>> listener : listeners) {
                try {
                    listener.accept(heard);
                } catch (RuntimeException e) {
                    listeners.remove(listener);
                    LOG.warnf("Dropped a feed listener that failed: %s", LogValues.safe(e.toString()));
                }
            }
        }
    }

    /** Adds a listener; the head it starts from, before the first changes it will be told of. */
    SortedMap<String, Long> subscribe(Consumer<List<FeedChange>> listener) {
        synchronized (lock) {
            listeners.add(listener);
            return head;
        }
    }

    void unsubscribe(Consumer<List<FeedChange>> listener) {
        listeners.remove(listener);
    }
}
