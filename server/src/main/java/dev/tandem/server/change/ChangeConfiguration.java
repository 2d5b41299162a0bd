package dev.tandem.server.change;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties({AuditProperties.class, ChangeProperties.class})
class ChangeConfiguration {}
