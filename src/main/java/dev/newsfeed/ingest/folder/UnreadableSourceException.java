package dev.newsfeed.ingest.folder;

import java.io.IOException;

/**
 * A listed file that turned out, at the moment of reading, not to be a regular file inside the ingest folder
 * (a link leading out, a FIFO, a device): it is not read, and looked at again only once it changes. The
 * message names the file as listed, never what it leads to.
 */
final class UnreadableSourceException extends IOException {

    UnreadableSourceException(String message) {
        super(message);
    }
}
