package dev.newsfeed.push;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.newsfeed.problem.ProblemException;

/** What happened to an article, as a subscriber asks for it: each matches one CloudEvents type of the topic. */
public enum EventKind {
    PUBLISHED("newsfeed.article.published"), UPDATED("newsfeed.article.updated"),
    RETRACTED("newsfeed.article.retracted");

    final String ceType;

    EventKind(String ceType) {
        this.ceType = ceType;
    }

    /** The word in the API and in subscriptions; public, so that the OpenAPI scanner can list the words. */
    @JsonValue
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    static EventKind of(String word) {
        for (EventKind kind : values()) {
            if (kind.word().equals(word)) {
                return kind;
            }
        }
        throw new ProblemException(400, "Invalid request",
                "events may hold 'published', 'updated' and 'retracted' (was '" + word + "')");
    }

    /** The kind of a record of the articles topic, by its {@code ce_type}; null for a type this service never wrote. */
    static EventKind ofCeType(String ceType) {
        for (EventKind kind : values()) {
            if (kind.ceType.equals(ceType)) {
                return kind;
            }
        }
        return null;
    }
}
