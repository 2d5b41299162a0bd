package dev.tandem.regulation.notice;

/** The data protection officer or other contact point (GDPR Art. 33(3)(b)). */
public record ContactPoint(String name, String role, String email, String phone) {}
