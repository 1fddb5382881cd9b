package dev.newsfeed.ingest;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

class LedgerProducer {

    @Produces
    @Singleton
    SourceLedger ledger(IngestSettings settings) {
        return new SourceLedger(settings.statusCapacity(), settings.pendingTimeout(), Clock.systemUTC());
    }
}
