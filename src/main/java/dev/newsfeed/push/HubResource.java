package dev.newsfeed.push;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

import dev.newsfeed.article.Sha256;
import dev.newsfeed.feed.WebSubLinks;
import dev.newsfeed.problem.ProblemException;

/**
 * The WebSub hub (W3C Recommendation) of this service's feeds: takes subscription and unsubscription requests,
 * answers 202 at once, verifies the subscriber's intent, and only then writes (or deletes) the subscription, which the
 * push group then delivers like any other. Open to anyone, as a hub is: the subscriber proves it wants the content by
 * echoing the challenge, and a callback must pass the same address rules as a webhook's.
 */
@Path(WebSubLinks.HUB_PATH)
@ApplicationScoped
public class HubResource {

    private static final Logger LOG = Logger.getLogger(HubResource.class);
    /** WebSub: a hub.secret MUST be less than 200 bytes. */
    private static final int MAX_SECRET_BYTES = 199;

    private final PushService push;
    private final String baseUrl;
    private final IntentVerifier verifier;
    private final ExecutorService verifications = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "newsfeed-websub-verify");
        thread.setDaemon(true);
        return thread;
    });

    HubResource(PushService push, @ConfigProperty(name = "newsfeed.public-base-url") String baseUrl) {
        this.push = push;
        this.baseUrl = baseUrl;
        this.verifier = new IntentVerifier(push.policy(), push.client(), push.settings().attemptTimeout());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "WebSub: subscribe or unsubscribe a callback to a feed; verified by a GET with a challenge")
    @APIResponse(responseCode = "202", description = "Accepted; the subscriber's intent is verified next")
    @APIResponse(responseCode = "400", description = "A missing or malformed parameter, or a topic not of this hub")
    @APIResponse(responseCode = "422", description = "The callback resolves to an address this service does not call")
    public Response request(@FormParam("hub.mode") String mode, @FormParam("hub.topic") String topicUrl,
            @FormParam("hub.callback") String callback, @FormParam("hub.secret") String secret,
            @FormParam("hub.lease_seconds") String leaseSeconds) {
        if (!"subscribe".equals(mode) && !"unsubscribe".equals(mode)) {
            throw invalid("hub.mode must be subscribe or unsubscribe");
        }
        WebSubTopic topic = WebSubTopic.parse(baseUrl, topicUrl);
        if (topic == null) {
            throw invalid("hub.topic must be one of this hub's feeds: " + WebSubLinks.self(baseUrl, "/feed.atom",
                    null, null, null) + ", /feed.rss or /feed.json, filtered or not by q, tag and source");
        }
        topic.filter().toFeedFilter();
        try {
            CallbackPolicy.parse(callback);
            push.policy().check(callback);
        } catch (CallbackPolicy.RefusedCallbackException e) {
            throw new ProblemException(CallbackPolicy.isFormProblem(callback) ? 400 : 422, "Callback refused",
                    "hub.callback: " + e.getMessage());
        }
        if (secret != null && secret.getBytes(StandardCharsets.UTF_8).length > MAX_SECRET_BYTES) {
            throw invalid("hub.secret must be less than 200 bytes");
        }
        Duration lease = lease(leaseSeconds);
        String id = id(topic.url(), callback);
        verifications.execute(() -> verifyThenApply(mode, id, topic, callback, secret, lease));
        return Response.accepted().build();
    }

    private void verifyThenApply(String mode, String id, WebSubTopic topic, String callback, String secret,
            Duration lease) {
        try {
            boolean subscribe = mode.equals("subscribe");
            if (!verifier.confirmed(mode, topic.url(), callback, subscribe ? lease.toSeconds() : null)) {
                return;
            }
            Subscription existing = push.registry().get(id);
            if (!subscribe) {
                if (existing != null) {
                    push.delete(id);
                }
                return;
            }
            Instant now = Instant.now();
            push.save(new Subscription(id, Subscription.Kind.WEBSUB, callback, topic.filter(),
                    EnumSet.of(EventKind.PUBLISHED, EventKind.UPDATED),
                    secret == null || secret.isEmpty() ? List.of() : List.of(new SigningSecret(secret, null)),
                    Subscription.State.ACTIVE, null, existing == null ? now : existing.createdAt(),
                    existing == null ? push.endOffsets() : existing.startOffsets(), topic.url(), now.plus(lease)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warnf("WebSub: the %s of %s could not be completed: %s", mode, topic.url(), e.getMessage());
        }
    }

    private Duration lease(String asked) {
        PushSettings settings = push.settings();
        if (asked == null || asked.isBlank()) {
            return settings.defaultLease();
        }
        long seconds;
        try {
            seconds = Long.parseLong(asked.strip());
        } catch (NumberFormatException e) {
            throw invalid("hub.lease_seconds must be a whole number of seconds");
        }
        Duration lease = Duration.ofSeconds(Math.max(0, seconds));
        return lease.compareTo(settings.minLease()) < 0 ? settings.minLease()
                : lease.compareTo(settings.maxLease()) > 0 ? settings.maxLease() : lease;
    }

    /** One subscription per topic and callback: subscribing again renews it. */
    static String id(String topic, String callback) {
        var digest = Sha256.digest();
        digest.update(topic.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        return "ws_" + HexFormat.of().formatHex(digest.digest(callback.getBytes(StandardCharsets.UTF_8)), 0, 16);
    }

    @PreDestroy
    void close() {
        verifications.shutdownNow();
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(400, "Invalid request", detail);
    }
}
