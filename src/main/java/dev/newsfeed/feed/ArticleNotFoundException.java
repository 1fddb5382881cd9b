package dev.newsfeed.feed;

import dev.newsfeed.problem.ProblemException;

public class ArticleNotFoundException extends ProblemException {

    public ArticleNotFoundException(String id) {
        super(404, "Article not found", "no article has the id '" + id + "'");
    }
}
