package dev.gatehouse.erpsync.demo;

import dev.gatehouse.erpsync.company.Company;

/** How a page tells the demo company ({@link DemoCompany}) from a real one: by its name. */
public final class Demos {

    /** The demo company's name: it says what it is wherever it is shown. */
    public static final String COMPANY_NAME = "DEMO · Copamex Datos (sin Sage: datos de ejemplo)";

    private Demos() {}

    /** True for the demo company. */
    public static boolean isDemo(Company company) {
        return COMPANY_NAME.equals(company.name());
    }
}
