package example.catalog;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for the product-information system a catalog service loads its products from: the catalog's export as
 * JSON documents of one page of products each. The products are made up from a seed, page by page, so that every
 * start of the service (and every test) reads the same catalog without shipping a large file with the function.
 */
final class CatalogExport {

    private record Department(String category, String code, List<String> items) {
    }

    private static final List<Department> DEPARTMENTS = List.of(
            new Department("kitchen", "KIT", List.of("kettle", "frying pan", "knife set", "blender", "cutting board")),
            new Department("garden", "GAR", List.of("garden hose", "trowel", "planter", "sprinkler", "pruning shears")),
            new Department("outdoor", "OUT", List.of("tent", "backpack", "sleeping bag", "headlamp", "camping stove")),
            new Department("office", "OFF", List.of("desk lamp", "notebook", "stapler", "monitor stand", "desk chair")),
            new Department("audio", "AUD", List.of("headphones", "speaker", "turntable", "microphone", "amplifier")),
            new Department("sports", "SPO", List.of("yoga mat", "dumbbell set", "tennis racket", "football",
                    "jump rope")),
            new Department("toys", "TOY", List.of("puzzle", "building blocks", "plush bear", "kite", "board game")),
            new Department("home", "HOM", List.of("throw blanket", "cushion", "wall clock", "vase", "storage box")),
            new Department("tools", "TOO", List.of("cordless drill", "screwdriver set", "tape measure",
                    "spirit level", "hammer")),
            new Department("bathroom", "BAT", List.of("towel set", "shower caddy", "bath mat", "soap dispenser",
                    "mirror")));

    private static final List<String> BRANDS = List.of("Nordwind", "Alder & Finch", "Brightside", "Cobalt Works",
            "Driftwood", "Emberly", "Fjell", "Greystone", "Harbor Lane", "Ironbark", "Juniper", "Kestrel");
    private static final List<String> ADJECTIVES = List.of("compact", "classic", "lightweight", "sturdy", "elegant",
            "foldable", "premium", "minimalist", "rugged", "everyday", "professional", "eco-friendly", "modern",
            "vintage", "ergonomic", "versatile");
    private static final List<String> MATERIALS = List.of("recycled aluminium", "stainless steel", "oak wood",
            "bamboo", "organic cotton", "tempered glass", "natural rubber", "ceramic", "carbon fibre",
            "BPA-free plastic");
    private static final List<String> FEATURES = List.of("a non-slip base", "a two-year warranty",
            "replaceable parts", "a soft-touch grip", "a storage pouch", "a water-resistant coating",
            "an adjustable strap", "a magnetic closure", "a quick-start guide", "a spare set of fittings",
            "a scratch-resistant surface", "a carrying handle");
    private static final List<String> USES = List.of("daily use at home", "small apartments", "weekend trips",
            "busy families", "beginners and experts alike", "long working days", "gifting", "shared spaces",
            "outdoor adventures", "quick clean-ups");
    private static final List<String> CARE = List.of("wipe clean with a damp cloth", "dishwasher safe",
            "hand wash only", "machine washable at 30 °C", "store in a dry place", "no special care needed");
    private static final List<String> TAGS = List.of("bestseller", "new", "sale", "eco", "gift-idea", "limited",
            "bundle", "premium", "budget", "staff-pick", "trending", "clearance", "exclusive", "refurbished",
            "award-winning", "handmade");

    private final JsonMapper mapper;
    private final long seed;
    private final int products;
    private final int pageSize;

    CatalogExport(JsonMapper mapper, long seed, int products, int pageSize) {
        this.mapper = mapper;
        this.seed = seed;
        this.products = products;
        this.pageSize = pageSize;
    }

    int pages() {
        return (products + pageSize - 1) / pageSize;
    }

    /** The page's JSON document: an array of the products with ids {@code page * pageSize + 1} onwards. */
    byte[] page(int page) {
        long first = (long) page * pageSize + 1;
        long last = Math.min(first + pageSize - 1, products);
        // A generator per page, seeded by the page: each page is the same whichever pages are read before it.
        SplittableRandom random = new SplittableRandom(seed + page);
        ByteArrayOutputStream document = new ByteArrayOutputStream(pageSize * 1024);
        try (JsonGenerator json = mapper.createGenerator(document)) {
            json.writeStartArray();
            for (long id = first; id <= last; id++) {
                writeProduct(json, id, random);
            }
            json.writeEndArray();
        }
        return document.toByteArray();
    }

    private static void writeProduct(JsonGenerator json, long id, SplittableRandom random) {
        Department department = pick(DEPARTMENTS, random);
        String brand = pick(BRANDS, random);
        String adjective = pick(ADJECTIVES, random);
        String item = pick(department.items(), random);
        json.writeStartObject();
        json.writeNumberProperty("id", id);
        json.writeStringProperty("sku", department.code() + "-" + id);
        json.writeStringProperty("name", brand + " " + capitalised(adjective) + " " + capitalised(item) + " "
                + (char) ('A' + random.nextInt(26)) + (100 + random.nextInt(900)));
        json.writeStringProperty("brand", brand);
        json.writeStringProperty("category", department.category());
        json.writeStringProperty("description", description(brand, adjective, item, random));
        json.writeNumberProperty("price", BigDecimal.valueOf(199 + random.nextInt(99_800), 2));
        json.writeNumberProperty("stock", random.nextInt(500));
        json.writeNumberProperty("rating", (10 + random.nextInt(41)) / 10.0);
        json.writeArrayPropertyStart("tags");
        int tags = 1 + random.nextInt(4);
        for (int i = 0; i < tags; i++) {
            json.writeString(pick(TAGS, random));
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** Several paragraphs' worth of product copy, as shops write it. */
    private static String description(String brand, String adjective, String item, SplittableRandom random) {
        StringBuilder text = new StringBuilder(768);
        text.append("This ").append(adjective).append(' ').append(item).append(" by ").append(brand)
                .append(" is made of ").append(pick(MATERIALS, random)).append('.');
        int sentences = 6 + random.nextInt(5);
        for (int i = 0; i < sentences; i++) {
            text.append(' ');
            switch (random.nextInt(5)) {
                case 0 -> text.append("It comes with ").append(pick(FEATURES, random)).append(" and ")
                        .append(pick(FEATURES, random)).append('.');
                case 1 -> text.append("Ideal for ").append(pick(USES, random)).append(", and just as good for ")
                        .append(pick(USES, random)).append('.');
                case 2 -> text.append("Customers praise its ").append(pick(ADJECTIVES, random))
                        .append(" design and its ").append(pick(MATERIALS, random)).append(" finish.");
                case 3 -> text.append("Care: ").append(pick(CARE, random)).append('.');
                default -> text.append("Ships in recyclable packaging within ").append(1 + random.nextInt(5))
                        .append(" working days; free returns for 30 days.");
            }
        }
        return text.toString();
    }

    private static <T> T pick(List<T> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }

    private static String capitalised(String words) {
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
