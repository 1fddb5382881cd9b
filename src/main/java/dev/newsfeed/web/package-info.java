/**
 * The web reader: the feed as server-rendered HTML pages (Qute) at {@code /} and {@code /read/{id}}, made live
 * by a small script that follows {@code /feed/stream}, with a strict Content-Security-Policy on every HTML answer;
 * and the refusal of requests no resource should see (targets that are not URIs, path parameters), as the reader's
 * error page on its paths and a problem elsewhere.
 */
package dev.newsfeed.web;
