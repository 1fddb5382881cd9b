package dev.newsfeed.feed;

import java.net.URL;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusIntegrationTest
@TestProfile(PackagedJarProfile.class)
class FeedResourceIT extends FeedResourceTest {

    /** The jar listens on the port its profile gives it; the injected management URL does not follow the jar. */
    @Override
    String management(URL injected, String path) {
        return "http://localhost:" + PackagedJarProfile.MANAGEMENT_PORT + path;
    }
}
