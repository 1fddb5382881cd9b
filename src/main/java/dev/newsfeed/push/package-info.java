/**
 * Push to HTTP subscribers: signed webhooks (Standard Webhooks 1.0) and a WebSub hub, with their subscriptions on a
 * compacted topic and their deliveries read from the articles topic by whichever instance the push group gives each
 * subscription to.
 */
package dev.newsfeed.push;
