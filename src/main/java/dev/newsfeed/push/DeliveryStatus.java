package dev.newsfeed.push;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How deliveries to one subscription have gone, as its delivering instance last wrote it to the status topic:
 * the last success, the last failure and why, whether it is failing (an event was given up after the last attempt
 * and no delivery has succeeded since), and how many events went to the dead-letter topic.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryStatus(
        Instant lastSuccessAt,
        Instant lastFailureAt,
        @Schema(example = "attempt 3 of 10: HTTP 503") String lastFailure,
        @Schema(description = "An event was given up and nothing was delivered since", example = "false")
        boolean failing,
        @Schema(description = "Events sent to the dead-letter topic", example = "0") long deadLettered) {

    static final DeliveryStatus NONE = new DeliveryStatus(null, null, null, false, 0);

    DeliveryStatus succeeded(Instant at) {
        return new DeliveryStatus(at, lastFailureAt, lastFailure, false, deadLettered);
    }

    DeliveryStatus failed(Instant at, String reason) {
        return new DeliveryStatus(lastSuccessAt, at, reason, failing, deadLettered);
    }

    DeliveryStatus gaveUp(Instant at, String reason) {
        return new DeliveryStatus(lastSuccessAt, at, reason, true, deadLettered + 1);
    }
}
