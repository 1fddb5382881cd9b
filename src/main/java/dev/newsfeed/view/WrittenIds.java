package dev.newsfeed.view;

/**
 * Fingerprints of every id written to an index that started empty: what a cold rebuild needs to know to skip the
 * lookup of an id it never wrote, and to add its document without a delete-by-term. A fingerprint is 32 bits of a
 * 64-bit hash, so two ids may share one: {@link #mayHold} then says yes for both, and the caller looks the id up in
 * the index as it would without this set. It never says no for an id that was written.
 *
 * <p>Bounded: at 4 bytes a slot, kept at most three quarters full, it holds up to about 1.5 million ids in
 * {@value #MAX_SLOTS} slots (8 MiB). Past that it forgets everything and says yes for every id from then on, which
 * is only slower.
 */
final class WrittenIds {

    static final int MAX_SLOTS = 1 << 21;
    private static final int FIRST_SLOTS = 1 << 12;

    /** Zero marks an empty slot; no fingerprint is zero. */
    private int[] slots = new int[FIRST_SLOTS];
    private int size;
    private boolean known = true;

    /** Whether the id may have been written: false only for an id that certainly never was. */
    boolean mayHold(String id) {
        return !known || contains(fingerprint(id));
    }

    /** Records that the id is (about to be) written. */
    void add(String id) {
        if (known) {
            insert(fingerprint(id));
        }
    }

    /** Whether it still tells written ids from others, or has grown past its bound and says yes to every id. */
    boolean known() {
        return known;
    }

    private boolean contains(int fingerprint) {
        int mask = slots.length - 1;
        for (int slot = fingerprint & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
            if (slots[slot] == fingerprint) {
                return true;
            }
        }
        return false;
    }

    private void insert(int fingerprint) {
        int mask = slots.length - 1;
        int slot = fingerprint & mask;
        for (; slots[slot] != 0; slot = (slot + 1) & mask) {
            if (slots[slot] == fingerprint) {
                return;
            }
        }
        slots[slot] = fingerprint;
        size++;
        if (size * 4L > slots.length * 3L) {
            grow();
        }
    }

    private void grow() {
        if (slots.length >= MAX_SLOTS) {
            known = false;
            slots = null;
            return;
        }
        int[] old = slots;
        slots = new int[old.length * 2];
        size = 0;
        for (int fingerprint : old) {
            if (fingerprint != 0) {
                insert(fingerprint);
            }
        }
    }

    /** 32 well-mixed bits of a 64-bit FNV-1a hash of the id's chars, never zero. */
    static int fingerprint(String id) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            hash = (hash ^ id.charAt(i)) * 0x100000001b3L;
        }
        // MurmurHash3's finaliser: every bit of the hash moves the low bits the slot is taken from.
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        int fingerprint = (int) hash;
        return fingerprint == 0 ? 1 : fingerprint;
    }
}
