package example.catalog;

import java.math.BigDecimal;
import java.util.List;

/** One product of the catalog, as the export describes it and the API returns it. */
public record Product(long id, String sku, String name, String brand, String category, String description,
                      BigDecimal price, int stock, double rating, List<String> tags) {
}
