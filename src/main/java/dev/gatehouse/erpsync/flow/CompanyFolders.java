package dev.gatehouse.erpsync.flow;

import dev.gatehouse.erpsync.SyncSettings;
import dev.gatehouse.erpsync.company.Company;

import java.nio.file.Path;

/**
 * Where a company's files go: {@code SYNC_DOWNLOADS_ROOT/tenant-<id>/<downloads_path>}. The
 * tenant's own folder keeps two tenants' companies apart even when they name the same path; {@code
 * downloads_path} is validated relative, without {@code .} or {@code ..}.
 */
public final class CompanyFolders {

    private CompanyFolders() {}

    public static Path downloads(SyncSettings settings, Company company) {
        Path root = settings.downloadsRoot();
        Path folder =
                root.resolve("tenant-" + company.tenant().value())
                        .resolve(company.config().downloadsPath())
                        .normalize();
        if (!folder.startsWith(root)) {
            throw new IllegalStateException("a downloads path left SYNC_DOWNLOADS_ROOT");
        }
        return folder;
    }
}
