package dev.gatehouse.domains.web;

import dev.gatehouse.kernel.openapi.ProblemResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problem answers of creating a connection, declared once for both routes that do it: the API's
 * {@code POST /v1/applications/{id}/connections} and the widget's {@code POST
 * /widget/v1/connections}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ProblemResponse(
        status = 400,
        code = "invalid_hostname",
        when = "The hostname is not a valid, allowed customer hostname.")
@ProblemResponse(
        status = 409,
        code = "hostname_taken",
        when = "The hostname is connected elsewhere.")
@ProblemResponse(
        status = 402,
        code = "quota_exceeded",
        when = "The tenant's connection limit is reached.")
@ProblemResponse(
        status = 503,
        code = "quota_unavailable",
        when = "The connection limit could not be checked; nothing changed.")
public @interface ConnectionCreateProblems {}
