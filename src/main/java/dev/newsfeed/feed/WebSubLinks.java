package dev.newsfeed.feed;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * WebSub discovery (W3C Recommendation, section 4): each feed names its hub and its own topic URL. A filtered feed is
 * a topic of its own: its URL is the feed's path with the filter's parameters, always in the order {@code q},
 * {@code tag}, {@code source}, so the hub and the feeds agree on it.
 */
public final class WebSubLinks {

    /** Where the hub answers, under the public base URL. */
    public static final String HUB_PATH = "/hub";

    private WebSubLinks() {
    }

    public static String hub(String baseUrl) {
        return trimmed(baseUrl) + HUB_PATH;
    }

    /** The topic URL of {@code path} ({@code /feed.atom}, …) filtered by these parameters (null or blank: none). */
    public static String self(String baseUrl, String path, String q, String tag, String source) {
        StringBuilder url = new StringBuilder(trimmed(baseUrl)).append(path);
        char separator = '?';
        for (String[] parameter : new String[][] { { "q", q }, { "tag", tag }, { "source", source } }) {
            if (parameter[1] != null && !parameter[1].isBlank()) {
                url.append(separator).append(parameter[0]).append('=')
                        .append(URLEncoder.encode(parameter[1].strip(), StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return url.toString();
    }

    /** The {@code Link} header value naming the hub and the topic. */
    public static String header(String baseUrl, String self) {
        return "<" + hub(baseUrl) + ">; rel=\"hub\", <" + self + ">; rel=\"self\"";
    }

    private static String trimmed(String baseUrl) {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }
}
