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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.ResponseHeader;

import dev.newsfeed.ingest.folder.FolderOwner;
import dev.newsfeed.http.WriteAccess;

/** What became of each source, most recent first. It names server paths, hence the token. */
@Path("/ingest/status")
@WriteAccess
@SecurityRequirement(name = "token")
@Produces(MediaType.APPLICATION_JSON)
public class IngestStatusResource {

    private final SourceLedger ledger;
    private final FolderOwner owner;

    IngestStatusResource(SourceLedger ledger, FolderOwner owner) {
        this.ledger = ledger;
        this.owner = owner;
    }

    @Schema(description = "Whether this instance reads the ingest folder: of the instances sharing it, one does")
    public record FolderStatus(
            @Schema(description = "This instance (newsfeed.instance-id)", example = "news-1-4711") String instance,
            @Schema(description = "Whether this instance reads the folder now", example = "true") boolean owner,
            @Schema(description = "The consumer group whose member holding its partition owns the folder;"
                    + " null when the lease is off", example = "newsfeed-folder-owner") String leaseGroup) {
    }

    @Schema(description = "A page of sources with the counts of each state")
    public record StatusPage(
            @Schema(example = "0") long pending,
            @Schema(example = "41") long published,
            @Schema(example = "2") long failed,
            FolderStatus folder,
            List<SourceLedger.Entry> items,
            @Schema(description = "The offset of the next page; absent on the last", example = "50")
            Integer nextOffset) {
    }

    @GET
    // It names server paths and is behind the token: no cache, shared or private, may keep it (issue 22).
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    @Operation(summary = "Sources and their state: PENDING, PUBLISHED or FAILED with the reason")
    @APIResponse(responseCode = "200", description = "A page of sources")
    @APIResponse(responseCode = "400", description = "A bad offset or limit")
    @APIResponse(responseCode = "401", description = "No bearer token, or a wrong one")
    @APIResponse(responseCode = "403", description = "Writes are disabled: no newsfeed.api-token is configured")
    public StatusPage status(@QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        List<SourceLedger.Entry> items = ledger.page(offset, limit + 1);
        boolean more = items.size() > limit;
        return new StatusPage(ledger.count(SourceLedger.State.PENDING), ledger.count(SourceLedger.State.PUBLISHED),
                ledger.count(SourceLedger.State.FAILED),
                new FolderStatus(owner.instanceId(), owner.owns(), owner.leaseGroup().orElse(null)),
                more ? items.subList(0, limit) : items, more ? offset + limit : null);
    }
}
