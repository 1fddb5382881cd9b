/** How the service's own meters are published at {@code /q/metrics}; each feature registers its meters itself. */
package dev.newsfeed.metrics;
