/**
 * The HTTP read API of the feed: REST and SSE resources, the JSON Feed, Atom and RSS renderings, conditional
 * GET, and the guard that answers 503 until the view has caught up.
 */
package dev.newsfeed.feed;
