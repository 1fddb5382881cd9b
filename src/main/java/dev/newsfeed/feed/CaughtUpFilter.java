package dev.newsfeed.feed;

import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import dev.newsfeed.follower.ViewUpdater;

/** Refuses requests to {@link ReadsView} endpoints, with 503 and Retry-After, while the view is catching up. */
@Provider
@ReadsView
public class CaughtUpFilter implements ContainerRequestFilter {

    private final BooleanSupplier caughtUp;

    @Inject
    CaughtUpFilter(ViewUpdater updater) {
        this(updater::isCaughtUp);
    }

    CaughtUpFilter(BooleanSupplier caughtUp) {
        this.caughtUp = caughtUp;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!caughtUp.getAsBoolean()) {
            throw new FeedNotReadyException();
        }
    }
}
