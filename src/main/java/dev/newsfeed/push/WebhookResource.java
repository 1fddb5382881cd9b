package dev.newsfeed.push;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.newsfeed.http.WriteAccess;
import dev.newsfeed.problem.ProblemException;

/**
 * Webhook subscriptions (Standard Webhooks 1.0), with the API token like every write: create, list, show, pause,
 * resume, rotate the secret, delete. Lists and shows WebSub subscriptions too, which the hub makes.
 */
@Path("/webhooks")
@WriteAccess
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or a wrong API token")
@APIResponse(responseCode = "403", description = "Writes are disabled: no API token configured")
public class WebhookResource {

    private final PushService push;

    WebhookResource(PushService push) {
        this.push = push;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe a webhook; the answer shows its secret, once")
    @APIResponse(responseCode = "201", description = "Subscribed; deliveries start with the next change")
    @APIResponse(responseCode = "400", description = "A malformed URL, event, filter or secret")
    @APIResponse(responseCode = "422", description = "The URL resolves to an address this service does not call")
    public Response create(WebhookRequest request) {
        if (request == null) {
            throw invalid("send the webhook as JSON: {\"url\": \"https://…\"}");
        }
        String callback = checkedCallback(request.url());
        SubscriptionFilter filter = request.filter() == null ? SubscriptionFilter.NONE : request.filter();
        filter.toFeedFilter();
        String secret = request.secret() == null ? WebhookSecrets.generate()
                : WebhookSecrets.validated(request.secret());
        Subscription subscription = new Subscription("wh_" + UUID.randomUUID().toString().replace("-", ""),
                Subscription.Kind.WEBHOOK, callback, filter,
                request.events() == null || request.events().isEmpty() ? EnumSet.allOf(EventKind.class)
                        : request.events(),
                List.of(new SigningSecret(secret, null)), Subscription.State.ACTIVE, null, Instant.now(),
                push.endOffsets(), null, null);
        push.save(subscription);
        return Response.created(URI.create("/webhooks/" + subscription.id()))
                .entity(SubscriptionView.of(subscription, DeliveryStatus.NONE, 0L, secret)).build();
    }

    @GET
    @Operation(summary = "Every push subscription, webhooks and WebSub, oldest first")
    public List<SubscriptionView> list() {
        List<SubscriptionView> views = new ArrayList<>();
        push.registry().all().stream().map(SubscriptionRegistry.Entry::subscription)
                .sorted(Comparator.comparing(Subscription::createdAt).thenComparing(Subscription::id))
                .forEach(subscription -> views.add(SubscriptionView.of(subscription,
                        push.registry().status(subscription.id()), null, null)));
        return views;
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One subscription with its delivery status and backlog")
    @APIResponse(responseCode = "404", description = "No such subscription")
    public SubscriptionView show(@PathParam("id") String id) {
        Subscription subscription = existing(id);
        return SubscriptionView.of(subscription, push.registry().status(id), push.backlog(subscription), null);
    }

    @POST
    @Path("{id}/pause")
    @Operation(summary = "Pause deliveries; events wait and come once resumed")
    @APIResponse(responseCode = "404", description = "No such subscription")
    public SubscriptionView pause(@PathParam("id") String id) {
        return changeState(id, Subscription.State.PAUSED, "paused at " + Instant.now());
    }

    @POST
    @Path("{id}/resume")
    @Operation(summary = "Resume deliveries where they stopped (also after a 410 disabled it)")
    @APIResponse(responseCode = "404", description = "No such subscription")
    public SubscriptionView resume(@PathParam("id") String id) {
        return changeState(id, Subscription.State.ACTIVE, null);
    }

    @POST
    @Path("{id}/secret")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rotate the secret; the old ones go on signing through the grace period")
    @APIResponse(responseCode = "404", description = "No such subscription")
    public SubscriptionView rotate(@PathParam("id") String id, SecretRotation rotation) {
        Subscription subscription = existing(id);
        if (subscription.kind() != Subscription.Kind.WEBHOOK) {
            throw invalid("a WebSub subscription's secret is its hub.secret: subscribe again to change it");
        }
        String secret = rotation == null || rotation.secret() == null ? WebhookSecrets.generate()
                : WebhookSecrets.validated(rotation.secret());
        Duration grace = rotation == null || rotation.graceSeconds() == null ? push.settings().secretGrace()
                : Duration.ofSeconds(rotation.graceSeconds());
        if (grace.isNegative()) {
            throw invalid("graceSeconds may not be negative");
        }
        Instant now = Instant.now();
        List<SigningSecret> secrets = new ArrayList<>();
        secrets.add(new SigningSecret(secret, null));
        subscription.signingSecrets(now).forEach(old -> secrets.add(new SigningSecret(old.value(),
                old.until() == null ? now.plus(grace) : old.until())));
        Subscription rotated = subscription.withSecrets(secrets);
        push.save(rotated);
        return SubscriptionView.of(rotated, push.registry().status(id), null, secret);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a subscription; nothing more is delivered to it")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such subscription")
    public Response delete(@PathParam("id") String id) {
        existing(id);
        push.delete(id);
        return Response.noContent().build();
    }

    private SubscriptionView changeState(String id, Subscription.State state, String reason) {
        Subscription changed = existing(id).withState(state, reason);
        push.save(changed);
        return SubscriptionView.of(changed, push.registry().status(id), null, null);
    }

    private Subscription existing(String id) {
        Subscription subscription = push.registry().get(id);
        if (subscription == null) {
            throw new ProblemException(404, "Not Found", "no subscription " + id);
        }
        return subscription;
    }

    private String checkedCallback(String url) {
        try {
            CallbackPolicy.parse(url);
        } catch (CallbackPolicy.RefusedCallbackException e) {
            throw invalid("url: " + e.getMessage());
        }
        try {
            return push.policy().check(url).uri().toString();
        } catch (CallbackPolicy.RefusedCallbackException e) {
            throw new ProblemException(422, "Callback refused", "url: " + e.getMessage());
        }
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(400, "Invalid request", detail);
    }
}
