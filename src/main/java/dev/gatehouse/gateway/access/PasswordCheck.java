package dev.gatehouse.gateway.access;

/**
 * One Argon2id verification of a presented API password against a stored PHC hash: the kernel's
 * {@code Passwords#matches} in production. A port so the equal-work rule of the token exchange
 * (exactly one verification per attempt, whatever fails) can be counted by a test.
 */
@FunctionalInterface
public interface PasswordCheck {

    boolean matches(CharSequence presented, String storedHash);
}
