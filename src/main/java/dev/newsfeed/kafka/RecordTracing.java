package dev.newsfeed.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * Whether an article's trace is followed through its records, decided once at start-up from
 * {@code quarkus.otel.sdk.disabled}: the publisher, the folder and the view's reader ask here for their tracer, and
 * with the SDK off (the default) get none, so that they do no tracing work at all. The propagator writes and reads
 * the trace context in a record's headers ({@link TraceHeaders}).
 */
@ApplicationScoped
public class RecordTracing {

    private final OpenTelemetry openTelemetry;
    private final boolean on;

    RecordTracing(OpenTelemetry openTelemetry, @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean off) {
        this.openTelemetry = openTelemetry;
        this.on = !off;
    }

    /** The tracer of {@code scope} (a package's name), or null with the SDK off. */
    public Tracer tracer(String scope) {
        return on ? openTelemetry.getTracer(scope) : null;
    }

    public TextMapPropagator propagator() {
        return openTelemetry.getPropagators().getTextMapPropagator();
    }
}
