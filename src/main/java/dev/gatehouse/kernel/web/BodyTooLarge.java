package dev.gatehouse.kernel.web;

import java.io.IOException;

/** Raised by a limited request stream when the body outgrows the limit; mapped to 413. */
final class BodyTooLarge extends IOException {

    private static final long serialVersionUID = 1L;

    BodyTooLarge(long maxBytes) {
        super("Request body exceeds " + maxBytes + " bytes");
    }
}
