package dev.gatehouse.gateway.controls;

import dev.gatehouse.gateway.policy.Schedule;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * The tenant's schedule as stored.
 *
 * @param schedule the schedule ({@link Schedule#DEFAULT} when the tenant never set one)
 * @param updatedAt when it was last set; null for the default
 */
public record StoredSchedule(Schedule schedule, @Nullable Instant updatedAt) {}
