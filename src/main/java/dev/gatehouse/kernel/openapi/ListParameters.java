package dev.gatehouse.kernel.openapi;

import dev.gatehouse.kernel.web.PageRequest;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;

import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.web.method.HandlerMethod;

import java.math.BigDecimal;

/**
 * The paging parameters every list shares, described once: {@code limit} an integer 1–100 (default
 * 20), {@code cursor} the previous page's {@code next_cursor}. Routes take both as text and refuse
 * bad values themselves ({@link PageRequest}), so their Java types say nothing.
 */
public final class ListParameters implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (operation.getParameters() == null) {
            return operation;
        }
        for (Parameter p : operation.getParameters()) {
            if (!"query".equals(p.getIn())) {
                continue;
            }
            if ("limit".equals(p.getName())) {
                p.description("Items per page.")
                        .schema(
                                new IntegerSchema()
                                        .minimum(BigDecimal.ONE)
                                        .maximum(BigDecimal.valueOf(PageRequest.MAX_LIMIT))
                                        ._default(PageRequest.DEFAULT_LIMIT));
            } else if ("cursor".equals(p.getName())) {
                p.description("The next_cursor of the previous page; opaque.")
                        .schema(new StringSchema());
            }
        }
        return operation;
    }
}
