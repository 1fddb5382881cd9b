/** What the service writes to its log about values others chose: escaped and cut to a bounded length. */
package dev.newsfeed.log;
