package dev.newsfeed.push;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import dev.newsfeed.feed.FeedRenderer;
import dev.newsfeed.feed.JsonFeed;
import dev.newsfeed.feed.WebSubLinks;

/**
 * A topic of this hub: one of the feeds ({@code /feed.atom}, {@code /feed.rss}, {@code /feed.json}) under the public
 * base URL, with its filter ({@code q}, {@code tag}, {@code source}); other parameters (a {@code limit}) do not make
 * another topic. {@code url} is the canonical form the feeds advertise as {@code rel="self"}.
 */
record WebSubTopic(String url, Format format, SubscriptionFilter filter) {

    enum Format {
        ATOM("/feed.atom", FeedRenderer.ATOM), RSS("/feed.rss", FeedRenderer.RSS), JSON_FEED("/feed.json",
                JsonFeed.MEDIA_TYPE);

        final String path;
        final String mediaType;

        Format(String path, String mediaType) {
            this.path = path;
            this.mediaType = mediaType;
        }
    }

    /** The topic {@code url} names; null when it is none of this hub's feeds. */
    static WebSubTopic parse(String baseUrl, String url) {
        if (url == null) {
            return null;
        }
        URI base;
        URI topic;
        try {
            base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
            topic = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (topic.getScheme() == null || !topic.getScheme().equalsIgnoreCase(base.getScheme())
                || topic.getHost() == null || !topic.getHost().equalsIgnoreCase(base.getHost())
                || topic.getPort() != base.getPort() || topic.getRawPath() == null) {
            return null;
        }
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        if (!topic.getRawPath().startsWith(basePath)) {
            return null;
        }
        String path = topic.getRawPath().substring(basePath.length());
        for (Format format : Format.values()) {
            if (format.path.equals(path)) {
                Map<String, String> parameters = parameters(topic.getRawQuery());
                SubscriptionFilter filter = new SubscriptionFilter(parameters.get("q"), parameters.get("tag"),
                        parameters.get("source"));
                return new WebSubTopic(WebSubLinks.self(baseUrl, format.path, filter.q(), filter.tag(),
                        filter.source()), format, filter);
            }
        }
        return null;
    }

    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            if (!value.isBlank()) {
                parameters.putIfAbsent(name, value.strip());
            }
        }
        return parameters;
    }
}
