/** Graceful shutdown: intake stops, writes in flight finish within a bound, the view is committed, exit code 0. */
package dev.newsfeed.shutdown;
