package dev.newsfeed.push;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** WebSub's {@code X-Hub-Signature}: {@code sha256=} and the hex HMAC-SHA256 of the body keyed by the hub.secret. */
final class HubSignature {

    private HubSignature() {
    }

    static String header(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(
                WebhookSignature.hmac("HmacSHA256", secret.getBytes(StandardCharsets.UTF_8), body));
    }
}
