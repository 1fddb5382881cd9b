package dev.newsfeed.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ArticleIdsTest {

    @Test
    void fileNameWithoutExtensionIsTheId() {
        assertThat(ArticleIds.forFile(Path.of("000_22b61c6839899886.txt"))).isEqualTo("000_22b61c6839899886");
    }

    @Test
    void subfolderSeparatorIsEscapedSoTheIdIsOneUrlSegment() {
        assertThat(ArticleIds.forFile(Path.of("world", "kyiv.txt"))).isEqualTo("world~2Fkyiv");
    }

    @Test
    void distinctPathsNeverShareAnId() {
        assertThat(ArticleIds.forFile(Path.of("a b.txt")))
                .isEqualTo("a~20b")
                .isNotEqualTo(ArticleIds.forFile(Path.of("a-b.txt")))
                .isNotEqualTo(ArticleIds.forFile(Path.of("a~20b.txt")));
        assertThat(ArticleIds.forFile(Path.of("café.txt"))).isEqualTo("caf~C3~A9");
    }

    @Test
    void absolutePathIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ArticleIds.forFile(Path.of("/srv/news/a.txt")));
    }
}
