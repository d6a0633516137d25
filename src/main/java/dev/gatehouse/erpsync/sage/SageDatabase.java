package dev.gatehouse.erpsync.sage;

import dev.gatehouse.erpsync.company.CompanyConfig;

/** The three databases a company's sync reads and writes. */
public enum SageDatabase {
    /** The Sage 300 company database, such as {@code COPDAT}. */
    COMPANY,
    /**
     * The FESA control database: {@code fesaParam}, {@code fesaOCFocaltec}, {@code
     * fesaPagosFocaltec}.
     */
    CONTROL,
    /** The external PO approvals database: {@code Autoriza_OC}, {@code Autoriza_OC_detalle}. */
    APPROVALS;

    /** This database's name in {@code databases}. */
    public String nameIn(CompanyConfig.Databases databases) {
        return switch (this) {
            case COMPANY -> databases.company();
            case CONTROL -> databases.control();
            case APPROVALS -> databases.approvals();
        };
    }
}
