package dev.gatehouse.kernel.identity;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** A page of a tenant's users ordered by public id; {@code next} is the cursor of the next page, if any. */
public record UserPage(List<User> users, @Nullable String next) {

    public UserPage {
        users = List.copyOf(users);
    }
}
