package dev.gatehouse.kernel.identity;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * A page of a tenant's users ordered by public id; {@code next} is the cursor of the next page, if
 * any.
 */
public record UserPage(List<User> users, @Nullable String next) {

    public UserPage {
        users = List.copyOf(users);
    }
}
