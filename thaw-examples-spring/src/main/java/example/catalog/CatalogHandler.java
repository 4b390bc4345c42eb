package example.catalog;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import example.spring.LambdaSpringApplication;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The handler of a product-catalog service behind an API Gateway proxy integration. Its init starts a Spring Boot
 * application that loads a catalog of 150,000 products into memory (over 150 MB of live heap), so that its
 * snapshot is a large one; each request reads only a few products:
 * <ul>
 * <li>{@code GET /products/{id}}: one product;</li>
 * <li>{@code GET /products?category=kitchen&limit=5}: the first products of a category (limit 10 unless given,
 * at most 50).</li>
 * </ul>
 * Event and response have API Gateway's proxy shapes, taken as maps ({@code httpMethod}, {@code path},
 * {@code queryStringParameters}; {@code statusCode}, {@code headers}, {@code body}) as the other handlers of this
 * package take their events.
 */
public class CatalogHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final String PRODUCTS = "/products";
    private static final int DEFAULT_LIMIT = 10;
    private static final int MAX_LIMIT = 50;

    private final Catalog catalog;
    private final JsonMapper mapper;

    public CatalogHandler() {
        var context = LambdaSpringApplication.run(CatalogApplication.class);
        catalog = context.getBean(Catalog.class);
        mapper = context.getBean(JsonMapper.class);
    }

    /** A proxy event for {@code GET path}, with only the fields this handler reads. */
    static Map<String, Object> get(String path, Map<String, String> query) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("httpMethod", "GET");
        event.put("path", path);
        event.put("queryStringParameters", query.isEmpty() ? null : query);
        return event;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context lambdaContext) {
        Map<String, Object> request = event == null ? Map.of() : event;
        if (!"GET".equals(request.get("httpMethod"))) {
            return response(405, Map.of("message", "only GET is supported"));
        }
        String path = String.valueOf(request.get("path"));
        if (path.equals(PRODUCTS)) {
            return category(request.get("queryStringParameters") instanceof Map<?, ?> query ? query : Map.of());
        }
        if (path.startsWith(PRODUCTS + "/")) {
            return product(path.substring(PRODUCTS.length() + 1));
        }
        return response(404, Map.of("message", "no route for " + path));
    }

    private Map<String, Object> product(String id) {
        Optional<Product> product;
        try {
            product = catalog.product(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return response(400, Map.of("message", "not a product id: " + id));
        }
        return product.<Map<String, Object>>map(p -> response(200, p))
                .orElseGet(() -> response(404, Map.of("message", "no product " + id)));
    }

    private Map<String, Object> category(Map<?, ?> query) {
        Object category = query.get("category");
        if (category == null) {
            return response(400, Map.of("message", "category is required"));
        }
        int limit;
        try {
            limit = query.get("limit") == null ? DEFAULT_LIMIT : Integer.parseInt(query.get("limit").toString());
        } catch (NumberFormatException e) {
            return response(400, Map.of("message", "not a limit: " + query.get("limit")));
        }
        List<Product> products = catalog.inCategory(category.toString());
        int shown = Math.min(products.size(), Math.max(1, Math.min(limit, MAX_LIMIT)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("category", category);
        body.put("total", products.size());
        body.put("products", products.subList(0, shown));
        return response(200, body);
    }

    private Map<String, Object> response(int status, Object body) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", status);
        response.put("headers", Map.of("Content-Type", "application/json"));
        response.put("body", mapper.writeValueAsString(body));
        response.put("isBase64Encoded", false);
        return response;
    }
}
