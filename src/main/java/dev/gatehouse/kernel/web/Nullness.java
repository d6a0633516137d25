package dev.gatehouse.kernel.web;

import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedType;

/**
 * Whether a JSON null may fill a Java type, read from JSpecify annotations as NullAway reads them:
 * never for a primitive; in {@code @NullMarked} code only where the type is {@code @Nullable};
 * elsewhere always. Thread-safe; the marking of each class is computed once.
 */
final class Nullness {

    private static final ClassValue<Boolean> NULL_MARKED =
            new ClassValue<>() {
                @Override
                protected Boolean computeValue(Class<?> type) {
                    return nullMarked(type);
                }
            };

    private Nullness() {}

    /** Whether {@code type} sits in {@code @NullMarked} code: itself, an outer class or package. */
    static boolean isNullMarked(Class<?> type) {
        return NULL_MARKED.get(type);
    }

    /**
     * Whether null is a value of {@code type}, declared in code that is {@code nullMarked} or not.
     */
    static boolean allowsNull(AnnotatedType type, boolean nullMarked) {
        if (type.getType() instanceof Class<?> c && c.isPrimitive()) {
            return false;
        }
        return !nullMarked || type.isAnnotationPresent(Nullable.class);
    }

    private static boolean nullMarked(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            Boolean marked = marking(c);
            if (marked != null) {
                return marked;
            }
        }
        Boolean marked = marking(type.getPackage());
        return marked != null && marked;
    }

    private static @Nullable Boolean marking(@Nullable AnnotatedElement element) {
        if (element == null) {
            return null;
        }
        if (element.isAnnotationPresent(NullUnmarked.class)) {
            return false;
        }
        return element.isAnnotationPresent(NullMarked.class) ? true : null;
    }
}
