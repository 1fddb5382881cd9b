/**
 * The one publishing path that folder and HTTP intake share: a write decided on a view brought up to everything
 * Kafka acknowledged, one write of an id at a time, published and awaited, its outcome in the ledger; plus the
 * repair of what a write left half-done. Intake itself lives in {@code ingest.folder} and {@code ingest.http}.
 */
package dev.newsfeed.ingest;
