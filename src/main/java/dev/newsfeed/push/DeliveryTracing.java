package dev.newsfeed.push;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.header.Headers;

import dev.newsfeed.kafka.TraceHeaders;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * One span per delivery of an event to a subscription, in the article's trace: its parent is the W3C trace context
 * ({@code traceparent}) in the record's headers, put there by whoever wrote the record; the receiver gets the
 * delivery's own context in its request, so that it may go on with the trace. Without a context in the record the
 * delivery starts a trace of its own; without the SDK (no collector) all of it is a no-op.
 */
final class DeliveryTracing {

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    DeliveryTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("dev.newsfeed.push");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    Span start(Headers headers, Subscription subscription, PushEvent event, DeliveryBody body) {
        Context parent = propagator.extract(Context.root(), headers, TraceHeaders.GETTER);
        return tracer.spanBuilder("push " + subscription.kind().name().toLowerCase() + " delivery")
                .setParent(parent)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("newsfeed.push.subscription", subscription.id())
                .setAttribute("newsfeed.push.webhook_id", body.webhookId())
                .setAttribute("newsfeed.push.event", event.kind().ceType)
                .setAttribute("newsfeed.article.id", event.articleId())
                .startSpan();
    }

    /** The body with the delivery span's context added to its headers ({@code traceparent}). */
    DeliveryBody traced(DeliveryBody body, Span span) {
        Map<String, String> headers = new HashMap<>(body.headers());
        propagator.inject(Context.root().with(span), headers, (carrier, key, value) -> carrier.put(key, value));
        return new DeliveryBody(body.webhookId(), body.body(), body.contentType(), Map.copyOf(headers));
    }

    static void end(Span span, EventDelivery.Result result) {
        span.setAttribute("newsfeed.push.outcome", result.outcome().name().toLowerCase());
        if (result.outcome() != EventDelivery.Outcome.DELIVERED) {
            span.setStatus(StatusCode.ERROR, result.reason());
        }
        span.end();
    }
}
