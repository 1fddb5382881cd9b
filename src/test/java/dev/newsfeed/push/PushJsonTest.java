package dev.newsfeed.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** Push's records read back as they were written. */
class PushJsonTest {

    @Test
    void aDeliveryStatusReadsBackAsWritten() throws Exception {
        DeliveryStatus status = DeliveryStatus.NONE.failed(Instant.parse("2026-12-06T10:00:00Z"), "HTTP 500")
                .gaveUp(Instant.parse("2026-12-06T10:01:00Z"), "attempt 4 of 4: HTTP 500");
        byte[] json = PushJson.write(status);
        assertThat(PushJson.read(json, DeliveryStatus.class)).isEqualTo(status);
    }
}
