package dev.newsfeed.feed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import dev.newsfeed.article.Article;
import dev.newsfeed.article.Sha256;

/**
 * Conditional GET for everything the feed serves. The {@code ETag} is derived only from what a response
 * holds (its variant: format, parameters; and the ids and versions of its articles), so every instance
 * that holds the same view gives the same tag, and a poller asking every second gets a bodiless 304 while
 * nothing changed.
 */
@ApplicationScoped
public class ConditionalResponses {

    private final CacheControl cacheControl;

    ConditionalResponses(FeedSettings settings) {
        cacheControl = new CacheControl();
        cacheControl.setMaxAge((int) settings.maxAge().toSeconds());
        cacheControl.setNoTransform(false);
    }

    /**
     * The response for {@code entity}, or a 304 when the request's {@code If-None-Match} or
     * {@code If-Modified-Since} shows the client already has it.
     *
     * @param tag the representation's tag, from {@link #tag} or {@link #tagOf}
     */
    public Response respond(Request request, String tag, Instant lastModified, Object entity, String mediaType) {
        EntityTag entityTag = new EntityTag(tag);
        Date modified = Date.from(lastModified);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(modified, entityTag);
        Response.ResponseBuilder response = notModified != null ? notModified
                : Response.ok(entity, mediaType).lastModified(modified);
        return response.tag(entityTag)
                .cacheControl(cacheControl)
                .header(HttpHeaders.VARY, "Accept, Accept-Encoding")
                .build();
    }

    /** {@link #respond(Request, String, Instant, Object, String)} with the tag of {@link #tagOf}. */
    public Response respond(Request request, String variant, List<String> versions, Instant lastModified,
            Object entity, String mediaType) {
        return respond(request, tagOf(variant, versions), lastModified, entity, mediaType);
    }

    /** An article version as an ETag counts it: its id and the hash of its text. */
    static String versionOf(Article article) {
        return article.id() + "@" + article.contentHash();
    }

    static List<String> versionsOf(List<Article> articles) {
        return articles.stream().map(ConditionalResponses::versionOf).toList();
    }

    public static String tag(String variant, List<Article> articles) {
        return tagOf(variant, versionsOf(articles));
    }

    /**
     * The tag of a representation.
     *
     * @param variant what else distinguishes this representation (format, parameters)
     * @param versions what the representation holds, one line per item (see {@link #versionOf})
     */
    public static String tagOf(String variant, List<String> versions) {
        MessageDigest digest = Sha256.digest();
        digest.update(variant.getBytes(StandardCharsets.UTF_8));
        for (String version : versions) {
            digest.update(("\n" + version).getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }
}
