package dev.newsfeed.ingest.http;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.newsfeed.ingest.ArticleIngestor;
import dev.newsfeed.ingest.IngestOutcome;
import dev.newsfeed.ingest.IntakeGate;
import dev.newsfeed.ingest.KafkaNotAcknowledgedException;
import dev.newsfeed.article.Article;
import dev.newsfeed.article.ArticleParseException;
import dev.newsfeed.article.ArticleParser;
import dev.newsfeed.article.ArticleText;
import dev.newsfeed.feed.ArticleNotFoundException;
import dev.newsfeed.feed.ArticleRetractedException;
import dev.newsfeed.feed.ReadsView;
import dev.newsfeed.http.BoundedBody;
import dev.newsfeed.http.Offload;
import dev.newsfeed.http.WriteAccess;
import dev.newsfeed.kafka.BrokerProbe;
import dev.newsfeed.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Articles submitted over HTTP, as text in the seed format or as JSON. {@code 201}/{@code 200} once Kafka has
 * acknowledged the article and this instance's view shows it; {@code 202} when Kafka acknowledged it and the view
 * did not show it within {@code newsfeed.ingest.visible-timeout}; {@code 503} when Kafka did not acknowledge it, the
 * view could not catch up with Kafka to decide, or Kafka is known to be away: the client may send the same
 * submission again, which is never a second version.
 *
 * <p>The methods run on the IO thread and hand their work (parsing, hashing and tagging up to
 * newsfeed.ingest.max-bytes, and the view's lookups) to a worker, then give the request back: while Kafka and the
 * view are awaited no thread is held. When the write completes, on whichever thread acknowledges it, RESTEasy
 * Reactive resumes the request on its own Vert.x context, where its request scope lives, and no other thread
 * runs in that context meanwhile (see {@link Offload}).
 */
@Path("/articles")
@WriteAccess
// Every write is checked against the view: one read half-way through the start-up replay could miss a retraction.
@ReadsView
@SecurityRequirement(name = "token")
@APIResponse(responseCode = "401", description = "No bearer token, or a wrong one")
@APIResponse(responseCode = "403", description = "Writes are disabled: no newsfeed.api-token is configured")
@APIResponse(responseCode = "503", description = "Kafka did not acknowledge, this instance's view could not catch up"
        + " with Kafka to decide, the feed is still being read, or the instance is shutting down; retry after"
        + " Retry-After: a resend is never a second version")
public class ArticleIntakeResource {

    private static final String TEXT = MediaType.TEXT_PLAIN;
    private static final String JSON = MediaType.APPLICATION_JSON;

    private final ArticleParser parser = new ArticleParser();
    private final ArticleIngestor ingestor;
    private final ObjectReader submissions;
    private final BrokerProbe probe;
    private final IntakeGate gate;
    private final URI publicBase;

    ArticleIntakeResource(ArticleIngestor ingestor, ObjectMapper json, BrokerProbe probe, IntakeGate gate,
            @ConfigProperty(name = "newsfeed.public-base-url") URI publicBase) {
        this.probe = probe;
        this.gate = gate;
        this.ingestor = ingestor;
        this.submissions = SubmissionReader.of(json);
        this.publicBase = publicBase;
    }

    @POST
    @Consumes({ TEXT, JSON })
    @Produces(JSON)
    @Operation(summary = "Publish an article: 201 when new or changed, 200 when the feed already holds it")
    @RequestBody(description = "The article as text in the seed format, or as JSON (ArticleSubmission)")
    @APIResponse(responseCode = "201", description = "Published: the article, with its Location",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = Article.class)))
    @APIResponse(responseCode = "200", description = "The feed already holds this exact text: the article",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = Article.class)))
    @APIResponse(responseCode = "202", description = "Kafka acknowledged the article; this instance's view did not show"
            + " it within newsfeed.ingest.visible-timeout. It will: GET its Location",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = Article.class)))
    @APIResponse(responseCode = "400", description = "A JSON body with unknown or server-derived fields, or an"
            + " Idempotency-Key that is not one line of UTF-8 text, or is sent twice")
    @APIResponse(responseCode = "413", description = "The body is larger than newsfeed.ingest.max-bytes")
    @APIResponse(responseCode = "415", description = "Neither text/plain nor application/json")
    @APIResponse(responseCode = "422", description = "Not an article (the reason and line say why), or an"
            + " Idempotency-Key that was used before with another text")
    public Uni<Response> submit(BoundedBody body, @Context HttpHeaders headers) {
        gate.checkOpen();
        MediaType type = headers.getMediaType();
        String key = IdempotencyKey.of(headers.getRequestHeader(IdempotencyKey.HEADER));
        return Offload.onWorker(() -> {
            Submission submission = read(body.bytes(), type);
            // The source field names an article to edit; an Idempotency-Key names one submission, sent once.
            boolean once = submission.reference() == null && key != null;
            String reference = submission.reference() != null ? submission.reference() : key;
            String id = reference != null ? HttpIds.forReference(reference)
                    : HttpIds.forContent(submission.text().contentHash());
            String source = "http:" + (reference != null ? reference : id);
            return answer(id, written(ingestor.publish(id, source, submission.text(), !once)), true);
        });
    }

    @PUT
    @Path("/{id}")
    @Consumes({ TEXT, JSON })
    @Produces(JSON)
    @Operation(summary = "Publish a new version of an article submitted over HTTP")
    @APIResponse(responseCode = "200", description = "The new version, or the current one when the text is unchanged",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = Article.class)))
    @APIResponse(responseCode = "202", description = "Kafka acknowledged the new version; this instance's view did not"
            + " show it within newsfeed.ingest.visible-timeout",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = Article.class)))
    @APIResponse(responseCode = "404", description = "No article has this id")
    @APIResponse(responseCode = "409", description = "The article comes from a file: edit the file")
    @APIResponse(responseCode = "400", description = "A JSON body with unknown or server-derived fields")
    @APIResponse(responseCode = "413", description = "The body is larger than newsfeed.ingest.max-bytes")
    @APIResponse(responseCode = "415", description = "Neither text/plain nor application/json")
    @APIResponse(responseCode = "422", description = "Not an article: the reason and line say why")
    public Uni<Response> edit(@PathParam("id") String id, BoundedBody body, @Context HttpHeaders headers) {
        gate.checkOpen();
        MediaType type = headers.getMediaType();
        return Offload.onWorker(() -> answer(id, written(ingestor.edit(id, read(body.bytes(), type).text())), false));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Retract an article: every view drops it, GET answers 410, subscribers get a tombstone")
    @APIResponse(responseCode = "202", description = "Retracted: Kafka acknowledged it; this instance's view did not"
            + " show it within newsfeed.ingest.visible-timeout")
    @APIResponse(responseCode = "204", description = "Retracted")
    @APIResponse(responseCode = "404", description = "No article has this id")
    @APIResponse(responseCode = "410", description = "Already retracted; its tombstone is written again")
    public Uni<Response> retract(@PathParam("id") String id) {
        gate.checkOpen();
        return Offload.onWorker(() -> written(ingestor.retract(id)).map(retracted -> switch (retracted) {
            case NOW -> Response.noContent().build();
            case ACKNOWLEDGED -> Response.accepted().location(location(id)).build();
            case BEFORE -> throw new ArticleRetractedException(id);
            case UNKNOWN -> throw new ArticleNotFoundException(id);
        }));
    }

    /**
     * The write, run to its end whatever the client hears: a client that stopped waiting must not cancel it
     * half-way, or its outcome would never reach the ledger (the source would stay PENDING) although Kafka may well
     * have the record. Every wait inside it is bounded (newsfeed.ingest.publish-timeout, visible-timeout).
     */
    private <T> Uni<T> written(Uni<T> write) {
        if (probe.knownDown()) {
            return Uni.createFrom().failure(new KafkaNotAcknowledgedException(
                    new IllegalStateException(probe.last().detail())));
        }
        // In flight until it ends, whatever the client hears: a shutdown lets it finish before it stops the
        // producers and commits the view.
        CompletableFuture<T> running = gate.track(write).subscribeAsCompletionStage();
        return Uni.createFrom().completionStage(running.copy());
    }

    /**
     * The answer to a publication. Its Location is built from newsfeed.public-base-url, never from the request's
     * Host header, which the client chooses.
     */
    private Uni<Response> answer(String id, Uni<IngestOutcome> outcome, boolean created) {
        return outcome.map(written -> switch (written.result()) {
            case RETRACTED -> throw new ArticleRetractedException(id);
            case CONFLICT -> throw new ProblemException(422, "Idempotency-Key reused", "this Idempotency-Key was"
                    + " sent before with another text (article '" + id + "'); a key names one submission: send a new"
                    + " key, or edit the article with PUT /articles/" + id);
            case PUBLISHED -> Response.status(created ? 201 : 200).location(location(id)).entity(written.article())
                    .build();
            case ACKNOWLEDGED -> Response.accepted(written.article()).location(location(id)).build();
            case UNCHANGED, REJECTED -> Response.ok(written.article()).location(location(id)).build();
        });
    }

    private URI location(String id) {
        return UriBuilder.fromUri(publicBase).path("articles").path(id).build();
    }

    private Submission read(byte[] body, MediaType type) {
        String charset = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase(StandardCharsets.UTF_8.name())
                && !charset.equalsIgnoreCase(StandardCharsets.US_ASCII.name())) {
            throw new ProblemException(415, "Unsupported Media Type",
                    "charset " + charset + " is not accepted: send UTF-8");
        }
        if (type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return fromJson(body);
        }
        try {
            return new Submission(parser.parse(body), null);
        } catch (ArticleParseException e) {
            throw new ProblemException(422, "Not an article", e.reason() + " at " + e.getMessage());
        }
    }

    private Submission fromJson(byte[] body) {
        ArticleSubmission submission;
        try {
            submission = submissions.readValue(body);
        } catch (JsonProcessingException e) {
            throw new ProblemException(400, "Malformed JSON", describe(e));
        } catch (IOException e) {
            throw new ProblemException(400, "Malformed JSON", e.getMessage());
        }
        if (submission == null) {
            throw new ProblemException(400, "Malformed JSON",
                    "the body is empty; expected an ArticleSubmission object");
        }
        try {
            return new Submission(submission.toText(), submission.reference());
        } catch (ArticleSubmission.InvalidSubmissionException e) {
            throw new ProblemException(422, "Not an article", e.getMessage());
        }
    }

    private static String describe(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'" + where
                    + ": a submission holds only title, subtitle, summary, body and source;"
                    + " the server derives the rest";
        }
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return "field '" + field(mismatch.getPath()) + "': " + e.getOriginalMessage() + where;
        }
        return e.getOriginalMessage() + where;
    }

    /** A JSON path as the client wrote it: {@code body[1]}. */
    private static String field(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference step : path) {
            if (step.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(step.getFieldName());
            } else {
                field.append('[').append(step.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private record Submission(ArticleText text, String reference) {
    }
}
