package example.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every product of the catalog in memory, indexed by id and by category: built once, when the application starts,
 * from the catalog's export, and only read after that.
 */
@Component
public class Catalog {

    private final Map<Long, Product> byId;
    private final Map<String, List<Product>> byCategory = new HashMap<>();

    public Catalog(CatalogProperties properties, JsonMapper mapper) {
        CatalogExport export = new CatalogExport(mapper, properties.seed(), properties.products(),
                properties.pageSize());
        byId = new HashMap<>(properties.products() * 4 / 3 + 1);
        // A page at a time: the export's documents are garbage as soon as their products are indexed.
        for (int page = 0; page < export.pages(); page++) {
            for (Product product : mapper.readValue(export.page(page), Product[].class)) {
                byId.put(product.id(), product);
                byCategory.computeIfAbsent(product.category(), category -> new ArrayList<>()).add(product);
            }
        }
    }

    public int size() {
        return byId.size();
    }

    public Optional<Product> product(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The category's products in id order; empty for a category the catalog does not have. */
    public List<Product> inCategory(String category) {
        return Collections.unmodifiableList(byCategory.getOrDefault(category, List.of()));
    }
}
