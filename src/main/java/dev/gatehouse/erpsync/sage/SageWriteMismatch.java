package dev.gatehouse.erpsync.sage;

/** A Sage or FESA write touched another number of rows than the flow expected. */
public final class SageWriteMismatch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SageWriteMismatch(String what, int expected, int actual) {
        super(what + " changed " + actual + " rows, expected " + expected, null, false, false);
    }
}
