/**
 * Files for the importer: the providers XML of suppliers accepted today ({@code buildProviders})
 * and the pending CFDI invoices and credit notes with their addenda ({@code downloadCFDI}). XML
 * from outside is parsed with DTDs, external entities and XInclude off; every file is written to a
 * temporary name and moved into place, so the importer never reads half a file.
 */
@NullMarked
package dev.gatehouse.erpsync.documents;

import org.jspecify.annotations.NullMarked;
