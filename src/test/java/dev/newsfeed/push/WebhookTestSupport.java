package dev.newsfeed.push;

import static dev.newsfeed.Writes.authorized;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.path.json.JsonPath;

/** Webhooks made through the API by a test, deleted after it, and the events a receiver got, read as JSON. */
final class WebhookTestSupport implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> made = new ArrayList<>();

    /** Subscribes {@code body} (url, events, filter, secret) and returns the answer: id, secret, …. */
    JsonPath subscribe(Map<String, Object> body) {
        JsonPath created = authorized().contentType("application/json").body(body).post("/webhooks")
                .then().statusCode(201).extract().jsonPath();
        made.add(created.getString("id"));
        return created;
    }

    /** The CloudEvents a receiver got, in order. */
    static List<JsonNode> events(Receiver receiver) {
        List<JsonNode> events = new ArrayList<>();
        for (Receiver.Request request : receiver.requests()) {
            try {
                events.add(JSON.readTree(request.body()));
            } catch (java.io.IOException e) {
                throw new AssertionError("a delivery that is not JSON: " + request.text(), e);
            }
        }
        return events;
    }

    /** The requests that carried an event about {@code articleId}. */
    static List<Receiver.Request> about(Receiver receiver, String articleId) {
        return receiver.requests().stream().filter(request -> {
            try {
                return articleId.equals(JSON.readTree(request.body()).path("subject").asText());
            } catch (java.io.IOException e) {
                return false;
            }
        }).toList();
    }

    static JsonNode json(Receiver.Request request) {
        try {
            return JSON.readTree(request.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("a delivery that is not JSON: " + request.text(), e);
        }
    }

    @Override
    public void close() {
        made.forEach(id -> authorized().delete("/webhooks/" + id));
    }
}
