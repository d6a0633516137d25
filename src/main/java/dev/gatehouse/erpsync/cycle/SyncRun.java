package dev.gatehouse.erpsync.cycle;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

import java.time.Instant;
import java.util.List;

/** A run as stored, with its steps in order. */
@NamedInterface("operations")
public record SyncRun(
        long id,
        String publicId,
        long companyId,
        String companyPublicId,
        String trigger,
        String status,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant endedAt,
        @Nullable String summary,
        @Nullable String error,
        @Nullable String stuckOnStep,
        List<Step> steps) {

    public SyncRun {
        steps = List.copyOf(steps);
    }

    /** One step of a run. */
    public record Step(
            int position,
            String name,
            String status,
            @Nullable Instant startedAt,
            @Nullable Instant endedAt,
            @Nullable String summary,
            @Nullable String error) {}

    SyncRun withSteps(List<Step> s) {
        return new SyncRun(
                id,
                publicId,
                companyId,
                companyPublicId,
                trigger,
                status,
                createdAt,
                startedAt,
                endedAt,
                summary,
                error,
                stuckOnStep,
                s);
    }
}
