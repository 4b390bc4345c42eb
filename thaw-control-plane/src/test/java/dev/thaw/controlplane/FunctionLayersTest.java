package dev.thaw.controlplane;

import dev.thaw.controlplane.layers.LayerDirectories;
import dev.thaw.controlplane.layers.LayerService;
import dev.thaw.controlplane.layers.LayerVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FunctionLayersTest {

    @TempDir
    Path dataDir;

    @Test
    void layersMergeInTheFunctionsOrderALaterOneWinning() throws Exception {
        try (ControlPlaneFixture fixture = new ControlPlaneFixture(dataDir)) {
            LayerService layers = fixture.controlPlane.layers();
            LayerVersion first = publish(layers, "first", Map.of("etc/greeting", "first", "shared/x", "file",
                    "only-first", "1"));
            LayerVersion second = publish(layers, "second", Map.of("etc/greeting", "second", "shared/x/y", "dir"));
            List<FunctionLayer> resolved = layers.resolve(List.of(layers.versionArn(first),
                    layers.versionArn(second)));
            LayerDirectories directories = new LayerDirectories(dataDir.resolve("merge"),
                    fixture.controlPlane.packages());

            Path opt = directories.of(resolved);
            assertEquals("second", Files.readString(opt.resolve("etc/greeting")));
            assertEquals("dir", Files.readString(opt.resolve("shared/x/y")));
            assertEquals("1", Files.readString(opt.resolve("only-first")));
            assertEquals(opt, directories.of(resolved), "one directory per list of layers");
            assertEquals("first", Files.readString(directories.of(resolved.reversed()).resolve("etc/greeting")));
            try (var none = Files.list(directories.of(List.of()))) {
                assertEquals(0, none.count());
            }
        }
    }

    @Test
    void aDeletedLayerVersionsPackageStaysWhileAFunctionVersionUsesIt() {
        try (ControlPlaneFixture fixture = new ControlPlaneFixture(dataDir)) {
            LayerService layers = fixture.controlPlane.layers();
            LayerVersion used = publish(layers, "used", Map.of("a", "used"));
            LayerVersion unused = publish(layers, "unused", Map.of("a", "unused"));
            fixture.controlPlane.functions().create(withLayers(
                    ControlPlaneFixture.request("fn", TestPackages.zip("v1"), true), layers.versionArn(used)));
            layers.delete("used", "1");
            layers.delete("unused", "1");

            fixture.reopen();

            PackageStore packages = fixture.controlPlane.packages();
            assertTrue(Files.isDirectory(packages.codeDir(used.content().codeSha256())));
            assertFalse(Files.exists(packages.codeDir(unused.content().codeSha256())));
            assertEquals(List.of(layers.versionArn(used)), fixture.controlPlane.functions()
                    .configuration(FunctionRef.parse("fn:1")).layers().stream().map(FunctionLayer::arn).toList());
        }
    }

    @Test
    void aFunctionsLayersAreCheckedAsLambdaChecksThem() {
        try (ControlPlaneFixture fixture = new ControlPlaneFixture(dataDir)) {
            LayerService layers = fixture.controlPlane.layers();
            String one = layers.versionArn(publish(layers, "one", Map.of("a", "1")));
            String again = layers.versionArn(publish(layers, "one", Map.of("a", "2")));
            assertEquals("InvalidParameterValueException",
                    assertThrows(LambdaException.class, () -> layers.resolve(List.of(one, again))).type());
            assertEquals("InvalidParameterValueException", assertThrows(LambdaException.class,
                    () -> layers.resolve(List.of(one.replace("us-east-1", "eu-west-1")))).type());
            assertEquals("ValidationException",
                    assertThrows(LambdaException.class, () -> layers.resolve(List.of("not-an-arn"))).type());
            assertEquals("InvalidParameterValueException", assertThrows(LambdaException.class,
                    () -> layers.resolve(List.of(one, one, one, one, one, one))).type());
            LambdaException tooBig = assertThrows(LambdaException.class, () -> LayerService.checkUnzippedSize(
                    AccountSettings.CODE_SIZE_UNZIPPED, layers.resolve(List.of(one))));
            assertTrue(tooBig.getMessage().contains("262144001 bytes"), tooBig.getMessage());
        }
    }

    @Test
    void permissionsKeepTheirRevision() {
        try (ControlPlaneFixture fixture = new ControlPlaneFixture(dataDir)) {
            LayerService layers = fixture.controlPlane.layers();
            publish(layers, "shared", Map.of("a", "1"));
            var added = layers.addPermission("shared", "1", new Requests.AddLayerVersionPermission("org",
                    "lambda:GetLayerVersion", "*", "o-abcdefghij"), null);
            assertTrue(added.text().contains("\"aws:PrincipalOrgID\":\"o-abcdefghij\""), added.text());
            assertEquals(added.revisionId(), layers.policy("shared", "1").revisionId());
            assertEquals("PreconditionFailedException", assertThrows(LambdaException.class,
                    () -> layers.removePermission("shared", "1", "org", "stale")).type());
            assertEquals("ValidationException", assertThrows(LambdaException.class,
                    () -> layers.addPermission("shared", "1", new Requests.AddLayerVersionPermission("x",
                            "lambda:InvokeFunction", "*", null), null)).type());
            layers.removePermission("shared", "1", "org", added.revisionId());
            assertEquals("ResourceNotFoundException",
                    assertThrows(LambdaException.class, () -> layers.policy("shared", "1")).type());
        }
    }

    private static LayerVersion publish(LayerService layers, String name, Map<String, String> files) {
        return layers.publish(name, new Requests.PublishLayerVersion(null,
                new Requests.FunctionCode(TestPackages.zip(files), null, null, null, null), null, null, null));
    }

    private static Requests.CreateFunction withLayers(Requests.CreateFunction request, String... layers) {
        return new Requests.CreateFunction(request.functionName(), request.runtime(), request.role(),
                request.handler(), request.code(), request.description(), request.timeout(), request.memorySize(),
                request.publish(), request.packageType(), request.environment(), request.tags(), request.snapStart(),
                request.architectures(), request.ephemeralStorage(), request.fileSystemConfigs(), List.of(layers));
    }
}
