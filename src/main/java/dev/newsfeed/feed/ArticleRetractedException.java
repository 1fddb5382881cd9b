package dev.newsfeed.feed;

import dev.newsfeed.problem.ProblemException;

/** The article existed and was retracted: gone for good, unlike one never known (404). */
public class ArticleRetractedException extends ProblemException {

    public ArticleRetractedException(String id) {
        super(410, "Article retracted", "article '" + id + "' was retracted; it comes back only as a changed text");
    }
}
