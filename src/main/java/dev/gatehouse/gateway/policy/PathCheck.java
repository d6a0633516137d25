package dev.gatehouse.gateway.policy;

/**
 * The outcome of {@link CanonicalPath#parse}: a canonical path, or the refusal {@code invalid_path}
 * with an internal reason.
 */
public sealed interface PathCheck permits CanonicalPath, InvalidPath {}
