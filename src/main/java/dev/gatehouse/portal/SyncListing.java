package dev.gatehouse.portal;

import dev.gatehouse.erpsync.company.Company;
import dev.gatehouse.erpsync.ledger.LedgerEntry;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * One page of a company's SageConnect ledger, as the payments and purchase orders pages show it.
 *
 * @param company the company shown, or null when the tenant has none
 * @param companies every company of the tenant, for the picker
 * @param rows at most {@link SyncItemPages#PAGE} entries
 * @param state the state filtered on, or null
 * @param nextLink the next page's link, or null on the last
 */
public record SyncListing(
        @Nullable Company company,
        List<Company> companies,
        List<LedgerEntry> rows,
        @Nullable String state,
        @Nullable String nextLink) {}
