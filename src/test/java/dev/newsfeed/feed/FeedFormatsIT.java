package dev.newsfeed.feed;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusIntegrationTest
@TestProfile(PackagedJarProfile.class)
class FeedFormatsIT extends FeedFormatsTest {
}
