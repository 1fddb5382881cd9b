/**
 * The web reader: the feed as server-rendered HTML pages (Qute) at {@code /} and {@code /read/{id}}, made live
 * by a small script that follows {@code /feed/stream}, sent with a strict Content-Security-Policy.
 */
package dev.newsfeed.web;
