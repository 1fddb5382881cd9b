package dev.newsfeed.push;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new secret for a webhook; the old ones go on signing for {@code graceSeconds} (newsfeed.push.secret-grace). */
@Schema(description = "Rotates a webhook's secret; both sign during the grace period")
public record SecretRotation(
        @Schema(description = "The new secret; generated when absent",
                example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret,
        @Schema(description = "How long the old secret goes on signing, in seconds", example = "86400")
        Long graceSeconds) {
}
