package example.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code catalog.*} settings from application.properties.
 *
 * @param products how many products the catalog holds
 * @param seed     the export's seed: the same seed gives the same catalog
 * @param pageSize products per export document
 */
@ConfigurationProperties("catalog")
public record CatalogProperties(int products, long seed, int pageSize) {
}
