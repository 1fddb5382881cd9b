package dev.newsfeed.push;

import java.security.SecureRandom;
import java.util.Base64;

import dev.newsfeed.problem.ProblemException;

/** Standard Webhooks secrets: {@code whsec_} and the base64 of 24 to 64 random bytes, the key of the HMAC. */
final class WebhookSecrets {

    static final String PREFIX = "whsec_";
    private static final int GENERATED_BYTES = 32;
    private static final int MIN_BYTES = 24;
    private static final int MAX_BYTES = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecrets() {
    }

    static String generate() {
        byte[] key = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The HMAC key of a secret. */
    static byte[] key(String secret) {
        return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    }

    /** @throws ProblemException (400) for a secret that is not {@code whsec_} and the base64 of 24 to 64 bytes */
    static String validated(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw invalid();
        }
        try {
            int length = key(secret).length;
            if (length < MIN_BYTES || length > MAX_BYTES) {
                throw invalid();
            }
            return secret;
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static ProblemException invalid() {
        // Never echoes the secret.
        return new ProblemException(400, "Invalid request", "secret must be 'whsec_' followed by the base64 of "
                + MIN_BYTES + " to " + MAX_BYTES + " random bytes; leave it out to have one generated");
    }
}
