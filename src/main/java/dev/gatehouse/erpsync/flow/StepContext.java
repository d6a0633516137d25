package dev.gatehouse.erpsync.flow;

import dev.gatehouse.erpsync.company.Company;
import dev.gatehouse.erpsync.company.CompanySecrets;
import dev.gatehouse.erpsync.portal.PortalClient;
import dev.gatehouse.erpsync.portal.PortalClients;
import dev.gatehouse.erpsync.sage.SageDatabase;
import dev.gatehouse.erpsync.sage.SageDatabases;
import dev.gatehouse.erpsync.sage.SageSql;
import dev.gatehouse.erpsync.step.StepCancellation;

import org.slf4j.Logger;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;

/**
 * One step of one company's cycle: the company, its secrets, its databases and portal (both
 * cancelled with the step), and the instant the step began, which every rule of the step (the
 * 60-minute age, the lookback, the retry times) measures from. Immutable, so the items a step sends
 * at once ({@link BoundedSends}) share it.
 */
public final class StepContext {

    private final Company company;
    private final CompanySecrets secrets;
    private final SageDatabases databases;
    private final PortalClient portal;
    private final StepCancellation cancellation;
    private final Instant now;
    private final String step;
    private final Path downloads;

    public StepContext(
            Company company,
            CompanySecrets secrets,
            SageDatabases databases,
            PortalClients portals,
            String step,
            Logger log,
            StepCancellation cancellation,
            Instant now,
            Path downloads) {
        this.company = company;
        this.secrets = secrets;
        this.databases = databases;
        this.portal = portals.forStep(company, secrets, step, log, cancellation);
        this.cancellation = cancellation;
        this.now = now;
        this.step = step;
        this.downloads = downloads;
    }

    /** The company's folder for the importer's files ({@link CompanyFolders}). */
    public Path downloads() {
        return downloads;
    }

    public Company company() {
        return company;
    }

    public String step() {
        return step;
    }

    /** The company's database {@code database}; statements cancelled with the step. */
    public SageSql sql(SageDatabase database) {
        return databases.sql(company, secrets, database, cancellation);
    }

    public PortalClient portal() {
        return portal;
    }

    public StepCancellation cancellation() {
        return cancellation;
    }

    public Instant now() {
        return now;
    }

    /** The company's time zone, in which Sage's dates and times are written. */
    public ZoneId zone() {
        return ZoneId.of(company.config().timeZone());
    }

    /** The Sage company database's name, which FESA's tables use as the company id. */
    public String companyDatabase() {
        return company.config().databases().company();
    }
}
