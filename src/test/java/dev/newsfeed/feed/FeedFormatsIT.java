package dev.newsfeed.feed;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class FeedFormatsIT extends FeedFormatsTest {
}
