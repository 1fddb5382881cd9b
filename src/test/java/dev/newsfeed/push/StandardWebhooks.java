package dev.newsfeed.push;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's side of Standard Webhooks 1.0, written from the spec and not from the service's code: the expected
 * {@code v1} signature of a message, to compare with what came.
 */
final class StandardWebhooks {

    private StandardWebhooks() {
    }

    static String expectedSignature(String secret, String id, String timestamp, byte[] body) throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }
}
