package dev.gatehouse.erpsync.company;

/**
 * A company was created or changed: published after every save, so the schedule follows the
 * company's cron, time zone and switch.
 */
public record CompanySaved(Company company) {}
