package dev.newsfeed.feed;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.newsfeed.view.ChangeSequence;
import dev.newsfeed.view.FeedChange;
import dev.newsfeed.view.FeedView;
import dev.newsfeed.problem.ProblemException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;

/** The feed's changes pushed as Server-Sent Events, resumable from the last event id. */
@Path("/feed/stream")
@ReadsView
public class FeedStreamResource {

    private final FeedView view;
    private final FeedStreams streams;
    private final StreamSlots slots;

    FeedStreamResource(FeedView view, FeedStreams streams, StreamSlots slots) {
        this.view = view;
        this.streams = streams;
        this.slots = slots;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Each change of the feed as an event whose id is its since token; resumes from Last-Event-ID",
            description = "Each event's data is a FeedChange as JSON. With Last-Event-ID (or since) the changes"
                    + " after it come first, then live ones; without either, live ones only."
                    + " A comment line comes every 15 s. A client that falls too far behind is disconnected"
                    + " and resumes from its last event id."
                    + " limit and cursor do not apply.")
    @APIResponse(responseCode = "200", description = "An endless stream of changes",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
                    schema = @Schema(implementation = FeedChange.class)))
    @APIResponse(responseCode = "400", description = "A bad Last-Event-ID, since, fields or filter")
    @APIResponse(responseCode = "410", description = "The last event id is older than the topic still proves: resync")
    @APIResponse(responseCode = "503", description = "Still reading the topic after start-up, or every stream of this"
            + " instance or of this client address is taken; retry after Retry-After")
    public void stream(@Context SseEventSink sink, @Context Sse sse, @Context HttpServerRequest request,
            @Context HttpServerResponse response,
            @Parameter(description = "The id of the last event received; sent by EventSource when it reconnects")
            @HeaderParam("Last-Event-ID") String lastEventId,
            @BeanParam FeedQuery query) {
        query.validate();
        if (query.cursor() != null && !query.cursor().isBlank()) {
            throw new ProblemException(400, "Invalid request", "the stream takes since or Last-Event-ID, not a cursor");
        }
        // On a reconnect the URL still carries the first since; the event id is the newer of the two.
        String token = lastEventId != null && !lastEventId.isBlank() ? lastEventId : query.since();
        ChangeSequence since = token == null ? null : view.resumeFrom(token);
        // Taken last: a request refused for what it asks for takes no slot.
        StreamSlots.Slot slot = slots.acquire(clientAddress(request));
        // Events are written to the response as bytes shared by every client, which the sink cannot take.
        streams.open(sink, sse, response::write, since, query.filter(), query.summaryOnly(), slot);
    }

    /** The client's address; the forwarded one when Quarkus trusts a proxy's headers. */
    private static String clientAddress(HttpServerRequest request) {
        SocketAddress address = request.remoteAddress();
        return address == null || address.hostAddress() == null ? "unknown" : address.hostAddress();
    }
}
