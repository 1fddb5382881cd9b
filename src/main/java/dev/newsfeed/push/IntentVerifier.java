package dev.newsfeed.push;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

import org.jboss.logging.Logger;

/**
 * WebSub's verification of intent (section 5.3): a GET to the callback with {@code hub.mode}, {@code hub.topic},
 * {@code hub.challenge} and, to subscribe, {@code hub.lease_seconds}; the subscriber confirms with a 2xx answer whose
 * body is the challenge, and anything else (a 404, another body, no answer) refuses.
 */
final class IntentVerifier {

    private static final Logger LOG = Logger.getLogger(IntentVerifier.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CallbackPolicy policy;
    private final CallbackClient client;
    private final Duration timeout;

    IntentVerifier(CallbackPolicy policy, CallbackClient client, Duration timeout) {
        this.policy = policy;
        this.client = client;
        this.timeout = timeout;
    }

    /** @param leaseSeconds sent when subscribing; null when unsubscribing */
    boolean confirmed(String mode, String topic, String callback, Long leaseSeconds) throws InterruptedException {
        String challenge = HexFormat.of().formatHex(randomBytes());
        StringBuilder url = new StringBuilder(callback).append(callback.contains("?") ? '&' : '?')
                .append("hub.mode=").append(encode(mode))
                .append("&hub.topic=").append(encode(topic))
                .append("&hub.challenge=").append(challenge);
        if (leaseSeconds != null) {
            url.append("&hub.lease_seconds=").append(leaseSeconds);
        }
        try {
            CallbackClient.Answer answer = client.get(policy.check(url.toString()), timeout);
            boolean confirmed = answer.successful() && challenge.equals(answer.body());
            if (!confirmed) {
                LOG.infof("WebSub: %s of %s not confirmed by its subscriber (%s)", mode, topic, answer.describe());
            }
            return confirmed;
        } catch (CallbackPolicy.RefusedCallbackException e) {
            LOG.infof("WebSub: %s of %s not verified: %s", mode, topic, e.getMessage());
            return false;
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
