package dev.thaw.controlplane;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VersionAndAliasTest {

    private static final FunctionRef HELLO = FunctionRef.parse("hello");

    @TempDir
    Path dataDir;
    private ControlPlaneFixture fixture;
    private ControlPlane controlPlane;

    @BeforeEach
    void open() {
        fixture = new ControlPlaneFixture(dataDir);
        controlPlane = fixture.controlPlane;
        fixture.create("hello", TestPackages.zip("v1"));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void publishingUnchangedCodeAndConfigurationReturnsTheNewestVersion() {
        FunctionConfig first = publish();
        assertEquals("1", first.version());
        assertEquals(first, publish());

        updateCode("v2");
        FunctionConfig second = publish();
        assertEquals("2", second.version());
        assertEquals(List.of("$LATEST", "1", "2"), versionNumbers());
    }

    @Test
    void versionNumbersAreNeverReused() {
        publish();
        updateCode("v2");
        publish();
        controlPlane.functions().delete(FunctionRef.parse("hello:2"));
        updateCode("v3");
        assertEquals("3", publish().version());
    }

    @Test
    void publishChecksCodeSha256AndRevisionId() {
        LambdaException sha = assertThrows(LambdaException.class, () -> controlPlane.versions().publish(HELLO,
                new Requests.PublishVersion("AAAA", null, null)));
        assertEquals("InvalidParameterValueException", sha.type());
        LambdaException revision = assertThrows(LambdaException.class, () -> controlPlane.versions().publish(HELLO,
                new Requests.PublishVersion(null, null, "stale")));
        assertEquals("PreconditionFailedException", revision.type());
    }

    @Test
    void aliasesResolveAndProtectTheirVersions() {
        publish();
        updateCode("v2");
        publish();
        AliasConfig live = controlPlane.aliases().create(HELLO, new Requests.CreateAlias("live", "1", "prod",
                new Requests.RoutingConfig(Map.of("2", 0.25))));
        assertEquals(Map.of("2", 0.25), live.additionalVersionWeights());
        assertEquals("1", controlPlane.functions().configuration(FunctionRef.parse("hello:live")).version());

        LambdaException inUse = assertThrows(LambdaException.class,
                () -> controlPlane.functions().delete(FunctionRef.parse("hello:2")));
        assertEquals("ResourceConflictException", inUse.type());

        AliasConfig moved = controlPlane.aliases().update(HELLO, "live",
                new Requests.UpdateAlias("2", null, new Requests.RoutingConfig(Map.of()), live.revisionId()));
        assertEquals("2", moved.functionVersion());
        assertEquals("prod", moved.description());
        controlPlane.functions().delete(FunctionRef.parse("hello:1"));
        assertEquals(List.of("live"), controlPlane.aliases().list(HELLO, "2", null, null).items().stream()
                .map(AliasConfig::name).toList());

        LambdaException stale = assertThrows(LambdaException.class, () -> controlPlane.aliases().update(HELLO,
                "live", new Requests.UpdateAlias("2", null, null, live.revisionId())));
        assertEquals("PreconditionFailedException", stale.type());
    }

    @Test
    void aliasRulesFollowLambda() {
        publish();
        assertAliasRejected("ValidationException", new Requests.CreateAlias("123", "1", null, null));
        assertAliasRejected("ResourceNotFoundException", new Requests.CreateAlias("next", "9", null, null));
        assertAliasRejected("InvalidParameterValueException", new Requests.CreateAlias("mix", "$LATEST", null,
                new Requests.RoutingConfig(Map.of("1", 0.5))));
        controlPlane.aliases().create(HELLO, new Requests.CreateAlias("live", "1", null, null));
        assertAliasRejected("ResourceConflictException", new Requests.CreateAlias("live", "1", null, null));
        LambdaException missing = assertThrows(LambdaException.class,
                () -> controlPlane.functions().configuration(FunctionRef.parse("hello:gone")));
        assertEquals("Function not found: arn:aws:lambda:us-east-1:000000000000:function:hello:gone",
                missing.getMessage());
    }

    @Test
    void weightedRoutingGivesTheAdditionalVersionItsShare() {
        AliasConfig canary = new AliasConfig("hello", "canary", "1", "", Map.of("2", 0.25));
        assertEquals("2", VersionResolver.pickWeighted(canary, 0.0));
        assertEquals("2", VersionResolver.pickWeighted(canary, 0.249));
        assertEquals("1", VersionResolver.pickWeighted(canary, 0.25));
        assertEquals("1", VersionResolver.pickWeighted(canary, 0.999));
    }

    private void assertAliasRejected(String type, Requests.CreateAlias request) {
        LambdaException error = assertThrows(LambdaException.class,
                () -> controlPlane.aliases().create(HELLO, request));
        assertEquals(type, error.type(), error.getMessage());
    }

    private FunctionConfig publish() {
        return controlPlane.versions().publish(HELLO, new Requests.PublishVersion(null, null, null));
    }

    private void updateCode(String content) {
        controlPlane.functions().updateCode(HELLO, new Requests.UpdateFunctionCode(TestPackages.zip(content), null,
                null, null, null, null, null, null));
    }

    private List<String> versionNumbers() {
        return controlPlane.versions().list(HELLO, null, null).items().stream().map(FunctionConfig::version).toList();
    }
}
