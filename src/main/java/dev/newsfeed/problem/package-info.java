/** Errors as RFC 9457 problem details ({@code application/problem+json}), for every failed request. */
package dev.newsfeed.problem;
