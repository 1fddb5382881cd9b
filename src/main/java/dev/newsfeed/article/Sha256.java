package dev.newsfeed.article;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in lower-case hex, the hash of article versions and of dead letters. */
public final class Sha256 {

    private Sha256() {
    }

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The hash of text handed over piece by piece, as the hash of the UTF-8 bytes of the pieces joined
     * ({@code String.getBytes(UTF_8)}, a lone surrogate as {@code ?}), without joining them: joining the seed's text,
     * then encoding it, allocated 25 KB and took 4.2 us a hash (two or three per write); piece by piece, 5.3 KB and
     * 2.1 us (bench/HashCost.java, 2026-12-07).
     */
    static final class OfText {

        private final MessageDigest digest = digest();

        /** Adds a piece whole: a surrogate pair split between two pieces would count as two lone surrogates. */
        void add(String piece) {
            digest.update(piece.getBytes(StandardCharsets.UTF_8));
        }

        String hex() {
            return Sha256.hex(digest);
        }
    }
}
