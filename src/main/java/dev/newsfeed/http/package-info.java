/** HTTP concerns shared by every resource: the write token and the request size limit. */
package dev.newsfeed.http;
