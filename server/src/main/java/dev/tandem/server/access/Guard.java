package dev.tandem.server.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The action a handler performs. {@link AccessInterceptor} resolves the incident from the path,
 * asks {@link AccessPolicy} and runs the handler only on permit; a handler without this annotation
 * is never run (nothing is permitted by default).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Guard {
    Action value();
}
