package dev.gatehouse.portal;

import java.util.List;

/**
 * A person as the users page lists them.
 *
 * @param assignableRoles the roles the viewer may give this person (empty when they may not change
 *     them)
 */
public record UserRow(
        String publicId,
        String email,
        String displayName,
        String role,
        String status,
        boolean self,
        List<String> assignableRoles,
        boolean removable) {

    public UserRow {
        assignableRoles = List.copyOf(assignableRoles);
    }
}
