package dev.thaw.api;

import dev.thaw.controlplane.LambdaException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PathPatternTest {

    private static final PathPattern ALIAS = PathPattern.of("/2015-03-31/functions/{FunctionName}/aliases/{Name}");

    @Test
    void segmentsAreDecodedAfterSplitting() {
        assertEquals(List.of("2015-03-31", "functions", "my-function:1", "configuration"),
                PathPattern.split("/2015-03-31/functions/my-function%3A1/configuration"));
        assertEquals(List.of("tags", "a/b"), PathPattern.split("/tags/a%2Fb"));
        assertEquals(List.of("f", "a+b c"), PathPattern.split("/f/a+b%20c"));
    }

    @Test
    void trailingSlashesDoNotMatter() {
        assertEquals(PathPattern.split("/2015-03-31/functions"), PathPattern.split("/2015-03-31/functions/"));
    }

    @Test
    void parametersAreCaptured() {
        assertEquals(Optional.of(Map.of("FunctionName", "f", "Name", "live")),
                ALIAS.match(PathPattern.split("/2015-03-31/functions/f/aliases/live")));
        assertEquals(Optional.empty(), ALIAS.match(PathPattern.split("/2015-03-31/functions/f/aliases")));
        assertEquals(Optional.empty(), ALIAS.match(PathPattern.split("/2015-03-31/functions//aliases/live")));
    }

    @Test
    void brokenPercentEncodingIsRejected() {
        assertThrows(LambdaException.class, () -> PathPattern.split("/f/bad%2"));
        assertThrows(LambdaException.class, () -> PathPattern.split("/f/bad%zz"));
    }

    @Test
    void repeatedQueryParametersAreKept() {
        assertEquals(Map.of("tagKeys", List.of("a", "b c"), "Qualifier", List.of("$LATEST")),
                Router.parseQuery("tagKeys=a&tagKeys=b%20c&Qualifier=%24LATEST"));
    }
}
