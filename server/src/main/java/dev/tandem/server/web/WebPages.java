package dev.tandem.server.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Controller;

/**
 * A controller of the web interface (docs/web.md): its handlers render pages and fragments, each
 * guarded like an API handler ({@link dev.tandem.server.access.Guard}), and its failures become
 * pages with the same status an API call would get ({@link PageAdvice}), never a stack trace.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
public @interface WebPages {}
