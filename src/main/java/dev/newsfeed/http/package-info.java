/** HTTP concerns shared by every resource: the write token, request size limits, CORS, and their settings. */
package dev.newsfeed.http;
