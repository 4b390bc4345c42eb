package example.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CatalogHandlerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long MIN_LIVE_HEAP = 150L << 20;

    private static CatalogHandler handler;
    private static long liveHeapAfterInit;

    @BeforeAll
    static void init() {
        handler = new CatalogHandler();
        liveHeapAfterInit = liveHeap();
    }

    /** Used heap after full collections: what init left reachable, Spring and the test framework included. */
    private static long liveHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static JsonNode body(Map<String, Object> response, int expectedStatus) {
        assertEquals(expectedStatus, response.get("statusCode"), response.toString());
        assertEquals(Map.of("Content-Type", "application/json"), response.get("headers"));
        return JSON.readTree((String) response.get("body"));
    }

    @Test
    void initLeavesTheCatalogOnTheHeap() {
        System.out.printf("live heap after init: %d MB%n", liveHeapAfterInit >> 20);
        assertTrue(liveHeapAfterInit >= MIN_LIVE_HEAP, (liveHeapAfterInit >> 20) + " MB");
    }

    @Test
    void productById() {
        JsonNode product = body(handler.handleRequest(CatalogHandler.get("/products/150000", Map.of()), null), 200);
        assertEquals(150000, product.get("id").asLong());
        assertTrue(product.get("description").asString().length() > 300, product.toString());
        assertEquals(404, handler.handleRequest(CatalogHandler.get("/products/150001", Map.of()), null)
                .get("statusCode"));
        assertEquals(400, handler.handleRequest(CatalogHandler.get("/products/abc", Map.of()), null)
                .get("statusCode"));
    }

    @Test
    void firstProductsOfACategory() {
        JsonNode page = body(handler.handleRequest(CatalogHandler.get("/products",
                Map.of("category", "garden", "limit", "5")), null), 200);
        assertEquals(5, page.get("products").size());
        page.get("products").forEach(product -> assertEquals("garden", product.get("category").asString()));
        assertTrue(page.get("total").asInt() > 10_000, page.get("total").toString());
        assertEquals(0, body(handler.handleRequest(CatalogHandler.get("/products", Map.of("category", "cars")),
                null), 200).get("products").size());
        assertEquals(50, body(handler.handleRequest(CatalogHandler.get("/products",
                Map.of("category", "toys", "limit", "1000")), null), 200).get("products").size());
        assertEquals(400, handler.handleRequest(CatalogHandler.get("/products", Map.of()), null).get("statusCode"));
    }

    @Test
    void onlyGetOnProducts() {
        Map<String, Object> post = CatalogHandler.get("/products/1", Map.of());
        post.put("httpMethod", "POST");
        assertEquals(405, handler.handleRequest(post, null).get("statusCode"));
        assertEquals(404, handler.handleRequest(CatalogHandler.get("/orders", Map.of()), null).get("statusCode"));
    }

    @Test
    void theSameSeedGivesTheSameExport() {
        CatalogExport export = new CatalogExport(JSON, 7, 100, 40);
        assertEquals(3, export.pages());
        assertArrayEquals(export.page(2), new CatalogExport(JSON, 7, 100, 40).page(2));
        assertEquals(20, JSON.readTree(export.page(2)).size());
    }
}
