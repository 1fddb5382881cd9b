package dev.newsfeed.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * An article's content hash is its version on the topic: the hash of the canonical text's UTF-8 bytes, computed
 * without building that text, must stay the same bytes as {@code String.getBytes(UTF_8)} of it, whatever the text.
 */
class ArticleTextHashTest {

    @Test
    void theSeedHashesAsItsCanonicalTextEncodedInUtf8() throws Exception {
        ArticleText seed = new ArticleParser().parse(Files.readAllBytes(Path.of("seeds/000_22b61c6839899886.txt")));

        // The seed's version as it has been on the topic since issue 1, computed by the joining implementation.
        assertThat(seed.contentHash()).isEqualTo(joinedThenHashed(seed))
                .isEqualTo("32a4499fce881afe8b4c60a9c79d30e957df6c9040bafec44fff6faa34a06b46");
    }

    @Test
    void nonAsciiTextAndSurrogatePairsHashAsTheirJoinedBytes() {
        ArticleText text = new ArticleText("Zürich “quoted” 東京 🗞️ news", "subtitle — dash",
                "summary with emoji 👍🏽 and é", List.of("first paragraph ✓", "", "𝄞 music 𝄞", "last"));

        assertThat(text.contentHash()).isEqualTo(joinedThenHashed(text));
    }

    @Test
    void textLongerThanTheEncodingBufferHashesAsItsJoinedBytes() {
        // Three-byte and four-byte characters across every 1,024-byte boundary of the buffer.
        String euros = "€".repeat(5_000);
        String clefs = "a𝄞".repeat(3_000);
        ArticleText text = new ArticleText(euros, null, null, List.of(clefs, euros + clefs));

        assertThat(text.contentHash()).isEqualTo(joinedThenHashed(text));
    }

    @Test
    void aLoneSurrogateHashesAsAQuestionMarkAsStringEncodingDoes() {
        ArticleText text = new ArticleText("ends high \uD83D", "\uDC4D starts low", null,
                List.of("middle \uD83D lone", "\uDC4D"));

        assertThat(text.contentHash()).isEqualTo(joinedThenHashed(text))
                .isEqualTo(new ArticleText("ends high ?", "? starts low", null, List.of("middle ? lone", "?"))
                        .contentHash());
    }

    @Test
    void missingSummarySubtitleAndBodyHashAsTheirCanonicalLayout() {
        ArticleText text = new ArticleText("Only a title", null, null, List.of());

        assertThat(text.contentHash()).isEqualTo(joinedThenHashed(text))
                .isEqualTo(Sha256.hex("Only a title\n\nOnly a title\n".getBytes(StandardCharsets.UTF_8)));
    }

    private static String joinedThenHashed(ArticleText text) {
        return Sha256.hex(text.canonical().getBytes(StandardCharsets.UTF_8));
    }
}
