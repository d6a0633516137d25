package dev.gatehouse.kernel.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Told about every expected problem a controller raises, before it is rendered; the audit log uses
 * it to record denials durably before the client sees the answer.
 */
public interface ProblemListener {

    void beforeRender(HttpServletRequest request, ApiProblem problem);
}
