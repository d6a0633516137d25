package dev.gatehouse.kernel.audit;

import org.jspecify.annotations.Nullable;

import java.util.Locale;
import java.util.Objects;

/**
 * Who did it.
 *
 * @param type the kind of principal
 * @param id the principal's public id ({@code key_…}, {@code usr_…}, {@code cred_…}) or, for {@link
 *     Type#SYSTEM}, the component's name; 1–200 characters
 * @param label a human label (key name, e-mail); masked for secrets and cut to 200 characters on
 *     storage
 */
public record Actor(Type type, String id, @Nullable String label) {

    /** The kinds of principal that act in Gatehouse. */
    public enum Type {
        API_KEY,
        USER,
        CREDENTIAL,
        OPERATOR,
        SYSTEM;

        /** The stored and serialized name, e.g. {@code api_key}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The type with this wire name. */
        public static Type fromWire(String wire) {
            for (Type t : values()) {
                if (t.wireName().equals(wire)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown actor type: " + wire);
        }
    }

    public Actor {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || id.length() > 200) {
            throw new IllegalArgumentException(
                    "actor id must be 1 to 200 characters, was " + id.length());
        }
    }

    public static Actor apiKey(String keyId, @Nullable String keyName) {
        return new Actor(Type.API_KEY, keyId, keyName);
    }

    public static Actor user(String userId, @Nullable String email) {
        return new Actor(Type.USER, userId, email);
    }

    public static Actor credential(String credentialId, @Nullable String name) {
        return new Actor(Type.CREDENTIAL, credentialId, name);
    }

    public static Actor operator(String keyId, @Nullable String name) {
        return new Actor(Type.OPERATOR, keyId, name);
    }

    /** A background component acting on its own, e.g. {@code system("audit-pruner")}. */
    public static Actor system(String component) {
        return new Actor(Type.SYSTEM, component, null);
    }
}
