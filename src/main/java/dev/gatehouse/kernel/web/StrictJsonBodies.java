package dev.gatehouse.kernel.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Type;
import java.util.List;

/**
 * Checks every JSON request body against the type its controller binds it to before Jackson binds
 * it ({@link StrictTypes}), and answers 400 listing every wrong or unknown field at once. Products
 * need do nothing: any {@code @RequestBody} read as JSON goes through here.
 *
 * <p>The body is read once into memory (the body-size filter has already bounded it) and parsed
 * with the API's own mapper, so the depth limit and duplicate-name detection hold. A body that does
 * not parse is passed on untouched: Jackson then fails the way it always did and {@link BodyErrors}
 * names the cause. A body that passes is handed to Jackson unchanged.
 */
@ControllerAdvice
public class StrictJsonBodies extends RequestBodyAdviceAdapter {

    private final JsonMapper json;

    /** Parses with the API's own depth limit and duplicate-name detection. */
    public StrictJsonBodies(WebSettings settings) {
        this.json = JsonLimits.apiMapper(settings.maxJsonDepth());
    }

    @Override
    public boolean supports(
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return JacksonJsonHttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public HttpInputMessage beforeBodyRead(
            HttpInputMessage input,
            MethodParameter parameter,
            Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType)
            throws IOException {
        byte[] body;
        try (InputStream in = input.getBody()) {
            body = in.readAllBytes();
        }
        AnnotatedType type = annotatedType(parameter, targetType);
        if (type != null) {
            List<ApiProblem.FieldMessage> errors = errors(body, type);
            if (!errors.isEmpty()) {
                throw ApiProblem.badRequest(detail(errors), errors);
            }
        }
        HttpHeaders headers = input.getHeaders();
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
    }

    private List<ApiProblem.FieldMessage> errors(byte[] body, AnnotatedType type) {
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JacksonException e) {
            return List.of(); // Jackson reports it again while binding, through BodyErrors.
        }
        return tree == null || tree.isMissingNode() ? List.of() : StrictTypes.check(tree, type);
    }

    /** The parameter's annotated type when it is what is read (not an {@code HttpEntity<T>}). */
    private static @org.jspecify.annotations.Nullable AnnotatedType annotatedType(
            MethodParameter parameter, Type targetType) {
        if (parameter.getParameterIndex() < 0
                || !parameter.getParameter().getParameterizedType().equals(targetType)) {
            return null;
        }
        return parameter.getParameter().getAnnotatedType();
    }

    static String detail(List<ApiProblem.FieldMessage> errors) {
        long unknown = errors.stream().filter(e -> e.message().equals(StrictTypes.UNKNOWN)).count();
        boolean one = errors.size() == 1;
        if (unknown == errors.size()) {
            return one ? "Unknown field." : "Unknown fields.";
        }
        if (unknown == 0) {
            return one
                    ? "A field has the wrong type or format."
                    : "Some fields have the wrong type or format.";
        }
        return "Some fields are unknown or have the wrong type or format.";
    }
}
