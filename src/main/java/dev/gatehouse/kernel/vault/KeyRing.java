package dev.gatehouse.kernel.vault;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The current root key of one ring, which seals, and the previous ones, which still open values
 * sealed before a rotation. Immutable and thread-safe.
 */
final class KeyRing {

    private final RootKey current;
    private final Map<KeyId, RootKey> byId = new LinkedHashMap<>();

    KeyRing(String name, byte[] current, List<byte[]> previous, VaultPurpose.Ring ring) {
        this.current = new RootKey(name, current, ring);
        byId.put(this.current.id(), this.current);
        for (int i = 0; i < previous.size(); i++) {
            RootKey old = new RootKey("previous " + name + " #" + (i + 1), previous.get(i), ring);
            byId.putIfAbsent(old.id(), old);
        }
    }

    RootKey current() {
        return current;
    }

    Optional<RootKey> find(KeyId id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every key id of the ring, current first. */
    List<KeyId> ids() {
        return new ArrayList<>(byId.keySet());
    }

    boolean contains(KeyId id) {
        return byId.containsKey(id);
    }
}
