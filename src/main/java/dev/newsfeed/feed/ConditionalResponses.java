package dev.newsfeed.feed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
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

    private final String cacheControl;

    ConditionalResponses(FeedSettings settings) {
        cacheControl = "max-age=" + settings.maxAge().toSeconds();
    }

    /**
     * What a conditional GET compares, with its header values written once: a rendered page keeps its own and
     * answers every poll with them (formatting the date and the tag on each answer was a tenth of a poll's time).
     */
    public record Validators(EntityTag tag, Date modified, String etagHeader, String lastModifiedHeader) {

        public static Validators of(String tag, Instant lastModified) {
            EntityTag entityTag = new EntityTag(tag);
            return new Validators(entityTag, Date.from(lastModified), entityTag.toString(),
                    HTTP_DATE.format(lastModified.atOffset(ZoneOffset.UTC)));
        }
    }

    /** RFC 9110's IMF-fixdate: two-digit day, English names, always GMT. */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            Locale.ENGLISH);

    /**
     * The response for {@code entity}, or a 304 when the request's {@code If-None-Match} or
     * {@code If-Modified-Since} shows the client already has it.
     *
     * @param tag the representation's tag, from {@link #tag} or {@link #tagOf}
     */
    public Response respond(Request request, String tag, Instant lastModified, Object entity, String mediaType) {
        return respond(request, Validators.of(tag, lastModified), entity, mediaType).build();
    }

    /** {@link #respond(Request, String, Instant, Object, String)} with validators written beforehand. */
    public Response.ResponseBuilder respond(Request request, Validators validators, Object entity, String mediaType) {
        Response.ResponseBuilder notModified = notModified(request, validators);
        return notModified != null ? notModified : ok(validators, entity, mediaType);
    }

    /** A 304 when the request's {@code If-None-Match} or {@code If-Modified-Since} shows the client has it; else null. */
    public Response.ResponseBuilder notModified(Request request, Validators validators) {
        Response.ResponseBuilder notModified = request.evaluatePreconditions(validators.modified(), validators.tag());
        return notModified == null ? null : validated(notModified, validators);
    }

    /** A 200 with {@code entity} and its validators. */
    public Response.ResponseBuilder ok(Validators validators, Object entity, String mediaType) {
        return validated(Response.ok(entity, mediaType)
                .header(HttpHeaders.LAST_MODIFIED, validators.lastModifiedHeader()), validators);
    }

    private Response.ResponseBuilder validated(Response.ResponseBuilder response, Validators validators) {
        return response.header(HttpHeaders.ETAG, validators.etagHeader())
                .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .header(HttpHeaders.VARY, "Accept, Accept-Encoding");
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
