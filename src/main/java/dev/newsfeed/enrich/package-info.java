/** Enrichment: what is derived from an article's text after parsing (tags, reading time, slug). */
package dev.newsfeed.enrich;
