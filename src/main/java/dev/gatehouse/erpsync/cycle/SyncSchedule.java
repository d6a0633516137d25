package dev.gatehouse.erpsync.cycle;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.PlainScheduleAndData;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTaskWithPersistentSchedule;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import dev.gatehouse.erpsync.company.Companies;
import dev.gatehouse.erpsync.company.Company;
import dev.gatehouse.erpsync.company.CompanySaved;
import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * Every company's cron on db-scheduler: one execution per company ({@code <tenant id>:<company
 * id>}) in {@code scheduled_tasks}, with the company's cron in its time zone as persistent data.
 * db-scheduler picks each due execution on exactly one node (a row-level claim), so with several
 * nodes each tick runs once; a node that dies mid-run is detected by its missing heartbeat. A
 * company's save moves its execution to the new cron (or removes it when disabled), and at start
 * every company's execution is put right. The lock reaper is a second recurring task, every 30
 * seconds, also on one node at a time.
 */
final class SyncSchedule implements SmartLifecycle {

    static final String CYCLE_TASK = "sync-company-cycle";
    static final String REAPER_TASK = "sync-lock-reaper";
    static final Duration REAP_EVERY = Duration.ofSeconds(30);

    /** How long a schedule change waits for a running tick of its company to end, each time. */
    static final Duration RETRY_BUSY = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(SyncSchedule.class);
    private static final SystemScope STARTUP =
            new SystemScope("sync: every company's schedule at start-up");

    private final Companies companies;
    private final RecurringTaskWithPersistentSchedule<PlainScheduleAndData> cycle;
    private final Scheduler scheduler;
    private final java.util.concurrent.ScheduledExecutorService retries =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("sync-schedule-retry").factory());
    private volatile boolean running;

    SyncSchedule(
            DataSource dataSource,
            Companies companies,
            SyncCycles cycles,
            Duration pollingInterval,
            String node) {
        this.companies = companies;
        this.cycle =
                Tasks.recurringWithPersistentSchedule(CYCLE_TASK, PlainScheduleAndData.class)
                        .execute(
                                (instance, ctx) -> {
                                    String[] id = instance.getId().split(":", 2);
                                    cycles.scheduledTick(
                                            new TenantId(Long.parseLong(id[0])), id[1]);
                                });
        RecurringTask<Void> reaper =
                Tasks.recurring(REAPER_TASK, Schedules.fixedDelay(REAP_EVERY))
                        .execute((instance, ctx) -> cycles.reapExpiredLocks());
        this.scheduler =
                Scheduler.create(dataSource, List.of(cycle))
                        .startTasks(reaper)
                        .threads(4)
                        .pollingInterval(pollingInterval)
                        .schedulerName(new SchedulerName.Fixed(node))
                        .build();
    }

    /** The company's cron as db-scheduler's six-field cron in its zone. */
    static CronSchedule scheduleOf(Company c) {
        return Schedules.cron("0 " + c.config().cron(), ZoneId.of(c.config().timeZone()));
    }

    static String instanceId(Company c) {
        return c.tenant().value() + ":" + c.publicId();
    }

    /** When the company's next tick is due, if it is scheduled. */
    Optional<Instant> next(Company c) {
        return scheduler
                .getScheduledExecution(TaskInstanceId.of(CYCLE_TASK, instanceId(c)))
                .map(ScheduledExecution::getExecutionTime);
    }

    @EventListener
    void onSaved(CompanySaved saved) {
        apply(saved.company());
    }

    /** Puts the company's execution right: its cron when enabled, none when disabled. */
    void apply(Company c) {
        TaskInstanceId id = TaskInstanceId.of(CYCLE_TASK, instanceId(c));
        Optional<ScheduledExecution<Object>> existing = scheduler.getScheduledExecution(id);
        if (!c.enabled()) {
            try {
                existing.ifPresent(e -> scheduler.cancel(id));
            } catch (TaskInstanceCurrentlyExecutingException e) {
                busy(c, () -> apply(c));
            }
            return;
        }
        schedule(c, scheduleOf(c), existing);
    }

    /** Schedules {@code c} on {@code wanted}, replacing another schedule it has. */
    void schedule(Company c, Schedule wanted) {
        schedule(
                c,
                wanted,
                scheduler.getScheduledExecution(TaskInstanceId.of(CYCLE_TASK, instanceId(c))));
    }

    private void schedule(
            Company c, Schedule wanted, Optional<ScheduledExecution<Object>> existing) {
        PlainScheduleAndData data = new PlainScheduleAndData(wanted);
        if (existing.isEmpty()) {
            scheduler.scheduleIfNotExists(cycle.schedulableInstance(instanceId(c), data));
            return;
        }
        Object stored = existing.get().getData();
        Schedule current = stored instanceof PlainScheduleAndData p ? p.getSchedule() : null;
        if (wanted.equals(current)) {
            return;
        }
        try {
            if (!scheduler.reschedule(cycle.schedulableInstance(instanceId(c), data))) {
                busy(c, () -> schedule(c, wanted));
            }
        } catch (TaskInstanceCurrentlyExecutingException e) {
            busy(c, () -> schedule(c, wanted));
        }
    }

    /**
     * A tick of {@code c} is running, and db-scheduler does not change an execution while it runs:
     * {@code change} is tried again {@link #RETRY_BUSY} later (and again, until the tick has
     * ended).
     */
    private void busy(Company c, Runnable change) {
        log.info(
                "[CRON] a tick of {} is running; its schedule changes when the tick ends",
                c.publicId());
        retries.schedule(
                () -> {
                    if (!running) {
                        return;
                    }
                    try {
                        change.run();
                    } catch (RuntimeException e) {
                        log.warn(
                                "[CRON] the schedule of {} was not changed: {}",
                                c.publicId(),
                                e.toString());
                    }
                },
                RETRY_BUSY.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public void start() {
        scheduler.start();
        companies.all(STARTUP).forEach(this::apply);
        running = true;
        log.info("[INIT] sync schedule started");
    }

    @Override
    public void stop() {
        running = false;
        retries.shutdownNow();
        scheduler.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
