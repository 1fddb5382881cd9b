package dev.newsfeed.ingest.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.newsfeed.article.ArticleField;
import dev.newsfeed.problem.ProblemException;

/**
 * The {@code Idempotency-Key} header of a submission: one line of UTF-8 text, as an article's source may be (at most
 * 500 characters, no control characters), sent once. HTTP carries header values as bytes, which the server hands on
 * as ISO-8859-1 characters, one a byte: they are read back as the UTF-8 the client sent, and refused when they are
 * not UTF-8.
 */
final class IdempotencyKey {

    static final String HEADER = "Idempotency-Key";

    private IdempotencyKey() {
    }

    /** The key, or null when none was sent; a 400 problem when it is sent twice, or is not a key. */
    static String of(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw invalid("was sent " + values.size() + " times; send it once");
        }
        String utf8 = utf8(values.get(0));
        try {
            String key = ArticleSubmission.reference(HEADER, utf8);
            if (key == null) {
                throw invalid("is blank");
            }
            return key;
        } catch (ArticleSubmission.InvalidSubmissionException e) {
            throw new ProblemException(400, "Invalid Idempotency-Key", e.getMessage());
        }
    }

    private static String utf8(String latin1) {
        byte[] bytes = new byte[latin1.length()];
        for (int i = 0; i < latin1.length(); i++) {
            char c = latin1.charAt(i);
            if (c > 0xFF) {
                // Not from the wire as bytes: take it as it is.
                return latin1;
            }
            bytes[i] = (byte) c;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw invalid("is not UTF-8 text");
        }
    }

    private static ProblemException invalid(String problem) {
        return new ProblemException(400, "Invalid Idempotency-Key", "header '" + HEADER + "' " + problem
                + "; a key is one line of UTF-8 text of at most " + ArticleField.SOURCE.maxLength() + " characters");
    }
}
