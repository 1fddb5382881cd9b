package dev.newsfeed.ingest.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * One JSON object with string fields and a list of strings, token by token. A failure names the field the way
 * the client wrote it ({@code body[2]}), through the path of the exception it throws.
 */
final class SubmissionReader extends StdDeserializer<ArticleSubmission> {

    private static final List<Object> FIELDS = List.of("title", "subtitle", "summary", "body", "source");

    private SubmissionReader() {
        super(ArticleSubmission.class);
    }

    /**
     * Reads submissions as they are written, and refuses with a 400 whatever a lenient reader would have guessed at
     * (issue 22, finding 5): a field given twice (Jackson's strict duplicate detection; the last would have won,
     * and a second {@code source} changed the id written), anything after the object, a string field given a
     * number, boolean, object or array ({@code "title": 123} is never turned into text), and a {@code null}
     * paragraph (it was dropped silently). Every message is in the client's terms: Jackson's own name the Java
     * types ({@code java.lang.String}, this class), hence a reader of its own rather than Jackson's bean reader.
     */
    static ObjectReader of(ObjectMapper json) {
        ObjectMapper strict = json.copy()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature())
                .registerModule(new SimpleModule("article-submission").addDeserializer(ArticleSubmission.class,
                        new SubmissionReader()));
        return strict.readerFor(ArticleSubmission.class);
    }

    @Override
    public ArticleSubmission deserialize(JsonParser p, DeserializationContext context) throws IOException {
        if (!p.isExpectedStartObjectToken()) {
            throw refused(p, "expected an article as one JSON object {…}, found " + found(p.currentToken()));
        }
        Map<String, Object> fields = new HashMap<>();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            if (!FIELDS.contains(name)) {
                throw UnrecognizedPropertyException.from(p, ArticleSubmission.class, name, FIELDS);
            }
            p.nextToken();
            fields.put(name, name.equals("body") ? paragraphs(p) : string(p, name));
        }
        // Jackson's FAIL_ON_TRAILING_TOKENS would say the same in words that name this class.
        if (p.getParsingContext().inRoot() && p.nextToken() != null) {
            throw refused(p, "found " + found(p.currentToken()) + " after the article's object; send one object");
        }
        @SuppressWarnings("unchecked")
        List<String> body = (List<String>) fields.get("body");
        return new ArticleSubmission((String) fields.get("title"), (String) fields.get("subtitle"),
                (String) fields.get("summary"), body, (String) fields.get("source"));
    }

    /** A JSON {@code null} where the article's object should be. */
    @Override
    public ArticleSubmission getNullValue(DeserializationContext context) throws JsonMappingException {
        throw refused(context.getParser(), "expected an article as one JSON object {…}, found null");
    }

    private static String string(JsonParser p, String field) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_STRING -> p.getText();
            case VALUE_NULL -> null;
            default -> throw at(refused(p, "must be a string, not " + found(p.currentToken())), field, -1);
        };
    }

    private static List<String> paragraphs(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw at(refused(p, "must be a list of paragraphs, not " + found(p.currentToken())), "body", -1);
        }
        List<String> paragraphs = new ArrayList<>();
        for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
            if (token != JsonToken.VALUE_STRING) {
                throw at(refused(p, "a paragraph must be a string, not " + found(token)), "body",
                        paragraphs.size());
            }
            paragraphs.add(p.getText());
        }
        return paragraphs;
    }

    private static MismatchedInputException refused(JsonParser p, String why) {
        return MismatchedInputException.from(p, ArticleSubmission.class, why);
    }

    /** The exception with the field's path, as Jackson's bean reader would give it: {@code body[2]}. */
    private static MismatchedInputException at(MismatchedInputException e, String field, int index) {
        if (index >= 0) {
            e.prependPath(new JsonMappingException.Reference(null, index));
        }
        e.prependPath(new JsonMappingException.Reference(ArticleSubmission.class, field));
        return e;
    }

    private static String found(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "something else";
        };
    }
}
