package dev.newsfeed.push;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code webhook-signature} header of Standard Webhooks 1.0: for each secret that signs, {@code v1,} and the
 * base64 of the HMAC-SHA256 of {@code id.timestamp.body} keyed by the secret's bytes, space-separated.
 */
final class WebhookSignature {

    private WebhookSignature() {
    }

    static String header(String webhookId, long timestamp, byte[] body, List<SigningSecret> secrets) {
        byte[] prefix = (webhookId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        return secrets.stream()
                .map(secret -> "v1," + Base64.getEncoder().encodeToString(
                        hmac("HmacSHA256", WebhookSecrets.key(secret.value()), prefix, body)))
                .collect(Collectors.joining(" "));
    }

    static byte[] hmac(String algorithm, byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every JDK has HmacSHA256, and any byte array is a key for it.
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
