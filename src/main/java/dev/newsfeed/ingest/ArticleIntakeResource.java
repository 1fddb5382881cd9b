package dev.newsfeed.ingest;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

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

import dev.newsfeed.view.FeedView;
import dev.newsfeed.article.Article;
import dev.newsfeed.article.ArticleParseException;
import dev.newsfeed.article.ArticleParser;
import dev.newsfeed.article.ArticleText;
import dev.newsfeed.article.Retraction;
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
 * Articles submitted over HTTP, as text in the seed format or as JSON. The answer comes once Kafka has
 * acknowledged the article, or, when Kafka does not answer in time or is known to be away, as a 503 the
 * client may retry: the same submission again is never a duplicate.
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
@APIResponse(responseCode = "503", description = "Kafka did not acknowledge in time, the feed is still being read, or"
        + " the instance is shutting down; retry after Retry-After")
public class ArticleIntakeResource {

    private static final String TEXT = MediaType.TEXT_PLAIN;
    private static final String JSON = MediaType.APPLICATION_JSON;

    private final ArticleParser parser = new ArticleParser();
    private final ArticleIngestor ingestor;
    private final FeedView view;
    private final ObjectReader submissions;
    private final Duration publishTimeout;
    private final BrokerProbe probe;
    private final ArticlePublisher publisher;
    private final IntakeGate gate;

    ArticleIntakeResource(ArticleIngestor ingestor, FeedView view, ObjectMapper json, IngestSettings settings,
            BrokerProbe probe, ArticlePublisher publisher, IntakeGate gate) {
        this.probe = probe;
        this.publisher = publisher;
        this.gate = gate;
        this.ingestor = ingestor;
        this.view = view;
        this.submissions = ArticleSubmission.reader(json);
        this.publishTimeout = settings.publishTimeout();
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
    @APIResponse(responseCode = "400", description = "A JSON body with unknown or server-derived fields")
    @APIResponse(responseCode = "413", description = "The body is larger than newsfeed.ingest.max-bytes")
    @APIResponse(responseCode = "415", description = "Neither text/plain nor application/json")
    @APIResponse(responseCode = "422", description = "Not an article: the reason and line say why")
    public Uni<Response> submit(BoundedBody body, @Context HttpHeaders headers, @Context UriInfo uri,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        gate.checkOpen();
        MediaType type = headers.getMediaType();
        URI base = uri.getBaseUri();
        return Offload.onWorker(() -> {
            Submission submission = read(body.bytes(), type);
            String reference = submission.reference() != null ? submission.reference()
                    : idempotencyKey(idempotencyKey);
            String id = reference != null ? HttpIds.forReference(reference)
                    : HttpIds.forContent(submission.text().contentHash());
            String source = "http:" + (reference != null ? reference : id);
            return publish(base, id, source, submission.text(), true);
        });
    }

    @PUT
    @Path("/{id}")
    @Consumes({ TEXT, JSON })
    @Produces(JSON)
    @Operation(summary = "Publish a new version of an article submitted over HTTP")
    @APIResponse(responseCode = "200", description = "The new version, or the current one when the text is unchanged",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = Article.class)))
    @APIResponse(responseCode = "404", description = "No article has this id")
    @APIResponse(responseCode = "409", description = "The article comes from a file: edit the file")
    @APIResponse(responseCode = "400", description = "A JSON body with unknown or server-derived fields")
    @APIResponse(responseCode = "413", description = "The body is larger than newsfeed.ingest.max-bytes")
    @APIResponse(responseCode = "415", description = "Neither text/plain nor application/json")
    @APIResponse(responseCode = "422", description = "Not an article: the reason and line say why")
    public Uni<Response> edit(@PathParam("id") String id, BoundedBody body, @Context HttpHeaders headers,
            @Context UriInfo uri) {
        gate.checkOpen();
        MediaType type = headers.getMediaType();
        URI base = uri.getBaseUri();
        return Offload.onWorker(() -> {
            Article current = view.find(id).orElseThrow(() -> new ArticleNotFoundException(id));
            if (current.source().startsWith("file:")) {
                throw new ProblemException(409, "Article comes from a file", "article '" + id
                        + "' is published from " + current.source() + "; edit that file instead, or it would"
                        + " overwrite this edit");
            }
            return publish(base, id, current.source(), read(body.bytes(), type).text(), false);
        });
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Retract an article: every view drops it, GET answers 410, subscribers get a tombstone")
    @APIResponse(responseCode = "204", description = "Retracted")
    @APIResponse(responseCode = "404", description = "No article has this id")
    @APIResponse(responseCode = "410", description = "Already retracted; its tombstone is written again")
    public Uni<Response> retract(@PathParam("id") String id) {
        gate.checkOpen();
        return Offload.onWorker(() -> {
            Optional<Article> current = view.find(id);
            if (current.isPresent()) {
                return acknowledged(ingestor.retract(current.get())).replaceWith(Response.noContent().build());
            }
            Retraction retraction = view.retraction(id).orElseThrow(() -> new ArticleNotFoundException(id));
            // The retraction may stand without its tombstone (written second, it failed, and the client heard
            // 503): the retry writes it again, so that subscribers of the topic drop the article too. 410 once
            // Kafka has it.
            return acknowledged(publisher.tombstone(retraction))
                    .onItem().transformToUni(written -> Uni.createFrom().failure(new ArticleRetractedException(id)));
        });
    }

    /**
     * Kafka's answer to a write, or a 503 after the publish timeout. The write itself goes on to its end: a
     * client that stopped waiting must not cancel it half-way, or its outcome would never reach the ledger
     * (the source would stay PENDING) although Kafka may well have the record.
     */
    private <T> Uni<T> acknowledged(Uni<T> write) {
        if (probe.knownDown()) {
            return Uni.createFrom().failure(new KafkaNotAcknowledgedException(
                    new IllegalStateException(probe.last().detail())));
        }
        // In flight until Kafka answers, whatever the client hears: a shutdown lets it finish before it stops the
        // producers and commits the view.
        CompletableFuture<T> running = gate.track(write).subscribeAsCompletionStage();
        // A copy: the timeout cancels the client's wait, never the write.
        return Uni.createFrom().completionStage(running.copy())
                .ifNoItem().after(publishTimeout).fail()
                .onFailure().transform(KafkaNotAcknowledgedException::new);
    }

    /**
     * @param base the request's base URI, read on its thread: the answer is built on the thread that completes the
     *        write, where no request is current to make a relative Location absolute
     */
    private Uni<Response> publish(URI base, String id, String source, ArticleText text, boolean created) {
        return acknowledged(ingestor.publish(id, source, text))
                .invoke(outcome -> {
                    if (outcome.result() == IngestOutcome.Result.RETRACTED) {
                        throw new ArticleRetractedException(id);
                    }
                })
                .map(outcome -> Response
                        .status(created && outcome.result() == IngestOutcome.Result.PUBLISHED ? 201 : 200)
                        .location(base.resolve("articles/" + id))
                        .entity(outcome.article())
                        .build());
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

    private static String idempotencyKey(String value) {
        try {
            return ArticleSubmission.reference("Idempotency-Key", value);
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
