package dev.newsfeed.feed;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

import dev.newsfeed.view.FeedView;

/**
 * Marks an endpoint that answers from the {@link FeedView}: until the view has read the topic to its end after
 * start-up, {@link CaughtUpFilter} answers 503 instead, so no client reads a half-built feed.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface ReadsView {
}
