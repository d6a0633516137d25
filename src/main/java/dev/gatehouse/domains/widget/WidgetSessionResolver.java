package dev.gatehouse.domains.widget;

import dev.gatehouse.kernel.web.ApiProblem;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Lets a widget controller method take the admitted {@link WidgetSession}; 401 when there is none.
 */
final class WidgetSessionResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == WidgetSession.class;
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            @Nullable ModelAndViewContainer mav,
            NativeWebRequest request,
            @Nullable WebDataBinderFactory binderFactory) {
        Object session =
                request.getAttribute(WidgetSession.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (session == null) {
            throw ApiProblem.unauthorized();
        }
        return session;
    }
}
