/**
 * The embeddable widget of Connect Domain: short-lived HS256 widget tokens, the {@code /widget/v1/}
 * API they open (only from the application's allowed origins), and the {@code connect.js} script.
 */
@NullMarked
package dev.gatehouse.domains.widget;

import org.jspecify.annotations.NullMarked;
