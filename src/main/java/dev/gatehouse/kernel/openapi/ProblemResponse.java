package dev.gatehouse.kernel.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A problem answer a route gives besides the ones every route shares (see {@link
 * ProblemResponses}): its status, its stable {@code code} and when it happens. The OpenAPI document
 * lists each route's codes per status, as an enum of the {@code code} property, so the contract
 * test fails on a code a route answers but does not declare. It may also sit on an annotation that
 * groups the answers several routes share (a meta-annotation).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Repeatable(ProblemResponse.List.class)
public @interface ProblemResponse {

    int status();

    String code();

    /** When the route answers this, in one short sentence. */
    String when();

    /** The container of repeated {@link ProblemResponse}s. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @interface List {
        ProblemResponse[] value();
    }
}
