package dev.gatehouse.erpsync.cycle;

import dev.gatehouse.erpsync.flow.StepContext;

import java.util.function.Function;

/**
 * One step of a company's cycle: its name (as in runs and {@code [TIMEOUT]} lines), the logger its
 * portal timeouts go to (so they land in the step's component log), and the work, whose summary
 * record is stored with the run as JSON.
 */
interface SyncStep {

    String name();

    String logger();

    Object run(StepContext ctx);

    static SyncStep of(String name, Class<?> logger, Function<StepContext, Object> work) {
        return new SyncStep() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String logger() {
                return logger.getName();
            }

            @Override
            public Object run(StepContext ctx) {
                return work.apply(ctx);
            }
        };
    }
}
