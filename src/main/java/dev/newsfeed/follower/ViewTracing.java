package dev.newsfeed.follower;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.newsfeed.kafka.RecordTracing;
import dev.newsfeed.kafka.TraceHeaders;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.quarkus.runtime.StartupEvent;

/**
 * The view's part of an article's trace: for each record that carries a trace context ({@code traceparent}, written
 * by the publisher), a consumer span in that trace around the view applying the batch that holds it. With the SDK
 * off (the default) the reader is given no tracer and does no tracing work at all; a record without a context gets
 * no span (it starts no trace of its own: its batch is already measured by the meters).
 */
@ApplicationScoped
public class ViewTracing {

    void register(@Observes StartupEvent event, ViewUpdater updater, RecordTracing tracing) {
        Tracer tracer = tracing.tracer("dev.newsfeed.follower");
        if (tracer == null) {
            return;
        }
        TextMapPropagator propagator = tracing.propagator();
        updater.reader().traceApplies(records -> {
            List<Span> spans = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                if (TraceHeaders.GETTER.get(record.headers(), "traceparent") == null) {
                    continue;
                }
                Context parent = propagator.extract(Context.root(), record.headers(), TraceHeaders.GETTER);
                spans.add(tracer.spanBuilder("view apply")
                        .setParent(parent)
                        .setSpanKind(SpanKind.CONSUMER)
                        .setAttribute("messaging.system", "kafka")
                        .setAttribute("messaging.operation.type", "process")
                        .setAttribute("messaging.destination.name", record.topic())
                        .setAttribute("messaging.destination.partition.id", String.valueOf(record.partition()))
                        .setAttribute("messaging.kafka.offset", record.offset())
                        .setAttribute("newsfeed.article.id", String.valueOf(record.key()))
                        .setAttribute("newsfeed.view.batch_records", (long) records.size())
                        .startSpan());
            }
            return spans.isEmpty() ? (shown, failure) -> {
            } : (shown, failure) -> spans.forEach(span -> {
                span.setAttribute("newsfeed.view.shown", shown);
                if (failure != null) {
                    span.recordException(failure);
                    span.setStatus(StatusCode.ERROR, failure.toString());
                }
                span.end();
            });
        });
    }
}
