package dev.newsfeed.ingest;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import dev.newsfeed.http.WriteAccess;

/** What became of each source, most recent first. It names server paths, hence the token. */
@Path("/ingest/status")
@WriteAccess
@SecurityRequirement(name = "token")
@Produces(MediaType.APPLICATION_JSON)
public class IngestStatusResource {

    private final SourceLedger ledger;

    IngestStatusResource(SourceLedger ledger) {
        this.ledger = ledger;
    }

    public record StatusPage(long pending, long published, long failed, List<SourceLedger.Entry> items, Integer nextOffset) {
    }

    @GET
    @Operation(summary = "Sources and their state: PENDING, PUBLISHED or FAILED with the reason")
    public StatusPage status(@QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        List<SourceLedger.Entry> items = ledger.page(offset, limit + 1);
        boolean more = items.size() > limit;
        return new StatusPage(ledger.count(SourceLedger.State.PENDING), ledger.count(SourceLedger.State.PUBLISHED),
                ledger.count(SourceLedger.State.FAILED), more ? items.subList(0, limit) : items,
                more ? offset + limit : null);
    }
}
