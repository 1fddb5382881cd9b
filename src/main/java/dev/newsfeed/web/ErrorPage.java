package dev.newsfeed.web;

/** A page that says why there is no article or list to show: gone, unknown, a bad request, not ready yet. */
public record ErrorPage(int status, String heading, String detail) {
}
