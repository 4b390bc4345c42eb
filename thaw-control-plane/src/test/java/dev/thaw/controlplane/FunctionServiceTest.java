package dev.thaw.controlplane;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static dev.thaw.controlplane.ControlPlaneFixture.ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FunctionServiceTest {

    @TempDir
    Path dataDir;
    private ControlPlaneFixture fixture;
    private FunctionService functions;

    @BeforeEach
    void open() {
        fixture = new ControlPlaneFixture(dataDir);
        functions = fixture.controlPlane.functions();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void createAppliesLambdaDefaultsAndStoresThePackage() throws Exception {
        byte[] zip = TestPackages.zip("v1");
        FunctionConfig created = fixture.create("hello", zip);

        assertEquals("$LATEST", created.version());
        assertEquals(3, created.timeout());
        assertEquals(128, created.memorySize());
        assertEquals("", created.description());
        assertEquals("None", created.snapStartApplyOn());
        assertEquals(zip.length, created.codeSize());
        assertEquals(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(zip)),
                created.codeSha256());
        assertTrue(created.lastModified().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000"),
                created.lastModified());
        String hex = PackageStore.hexOf(created.codeSha256());
        assertTrue(Files.isRegularFile(dataDir.resolve("packages/" + hex + ".zip")));
        assertEquals("v1", Files.readString(dataDir.resolve("code/" + hex + "/example/Handler.txt")));
    }

    @Test
    void createWithPublishAnswersVersionOne() {
        FunctionConfig created = functions.create(ControlPlaneFixture.request("hello", TestPackages.zip("v1"), true));
        assertEquals("1", created.version());
    }

    @Test
    void duplicateNameIsAConflict() {
        fixture.create("hello", TestPackages.zip("v1"));
        LambdaException error = assertThrows(LambdaException.class,
                () -> fixture.create("hello", TestPackages.zip("v2")));
        assertEquals("ResourceConflictException", error.type());
        assertEquals("Function already exist: hello", error.getMessage());
    }

    @Test
    void settingsAreValidatedLikeLambda() {
        assertRejected("ValidationException", r -> with(r, 0, null, ROLE, "java17"));
        assertRejected("InvalidParameterValueException", r -> with(r, 901, null, ROLE, "java17"));
        assertRejected("ValidationException", r -> with(r, null, 64, ROLE, "java17"));
        assertRejected("ValidationException", r -> with(r, null, 10_241, ROLE, "java17"));
        assertRejected("ValidationException", r -> with(r, null, null, "not-a-role", "java17"));
        assertRejected("ValidationException", r -> with(r, null, null, null, "java17"));
        assertRejected("InvalidParameterValueException", r -> with(r, null, null, ROLE, "python3.12"));
        assertRejected("InvalidParameterValueException", r -> with(r, null, null, ROLE, "java8"));
        assertRejected("InvalidParameterValueException", r -> with(r, null, null, ROLE, null));
    }

    @Test
    void reservedEnvironmentVariablesAreRejected() {
        Requests.CreateFunction base = ControlPlaneFixture.request("env", TestPackages.zip("v1"), null);
        LambdaException error = assertThrows(LambdaException.class, () -> functions.create(new Requests.CreateFunction(
                base.functionName(), base.runtime(), base.role(), base.handler(), base.code(), null, null, null, null,
                null, new Requests.Environment(Map.of("AWS_REGION", "x")), null, null, null, null, null, null)));
        assertEquals("InvalidParameterValueException", error.type());
        assertTrue(error.getMessage().endsWith("Reserved keys used in this request: AWS_REGION"), error.getMessage());
    }

    @Test
    void aFileThatIsNotAZipIsRejectedWithLambdasMessage() {
        LambdaException error = assertThrows(LambdaException.class,
                () -> fixture.create("broken", "definitely not a zip".getBytes()));
        assertEquals("InvalidParameterValueException", error.type());
        assertEquals("Could not unzip uploaded file. Please check your file, then try to upload again.",
                error.getMessage());
    }

    @Test
    void zipEntriesEscapingTheCodeDirectoryAreRejected() {
        byte[] evil = TestPackages.zip(Map.of("../../escaped.txt", "x"));
        assertThrows(LambdaException.class, () -> fixture.create("evil", evil));
        assertFalse(Files.exists(dataDir.resolve("escaped.txt")));
        assertFalse(Files.exists(dataDir.getParent().resolve("escaped.txt")));
    }

    @Test
    void entriesThatCollideWithEachOtherAreRejectedAndNothingIsKept() throws Exception {
        // A symlink entry unpacks as a plain file holding its target, so an entry through it collides the same way.
        List<List<String>> collisions = List.of(List.of("x", "x/y"), List.of("x", "x/"), List.of("x/", "x"),
                List.of("lib/link", "lib/link/Handler.class"));
        for (List<String> names : collisions) {
            Map<String, String> entries = new LinkedHashMap<>();
            names.forEach(name -> entries.put(name, name.endsWith("/") ? "" : "content"));
            LambdaException error = assertThrows(LambdaException.class,
                    () -> fixture.create("colliding", TestPackages.zip(entries)), names.toString());
            assertEquals("InvalidParameterValueException", error.type(), names.toString());
            assertEquals(ZipUnpacker.UNZIP_FAILED, error.getMessage());
        }
        try (Stream<Path> code = Files.list(dataDir.resolve("code"));
             Stream<Path> packages = Files.list(dataDir.resolve("packages"))) {
            assertEquals(List.of(), Stream.concat(code, packages).toList());
        }
        assertThrows(LambdaException.class, () -> functions.configuration(FunctionRef.parse("colliding")));
    }

    @Test
    void updatesChangeTheRevisionAndCheckTheExpectedOne() {
        FunctionConfig created = fixture.create("hello", TestPackages.zip("v1"));
        FunctionRef ref = FunctionRef.parse("hello");
        FunctionConfig updated = functions.updateConfiguration(ref, new Requests.UpdateFunctionConfiguration(null,
                null, "second", 30, 512, null, null, created.revisionId(), new Requests.SnapStart("PublishedVersions"),
                null, null, null));
        assertNotEquals(created.revisionId(), updated.revisionId());
        assertEquals(30, updated.timeout());
        assertEquals(512, updated.memorySize());
        assertEquals(Map.of("GREETING", "hi"), updated.environment());
        assertEquals("PublishedVersions", updated.snapStartApplyOn());

        LambdaException stale = assertThrows(LambdaException.class, () -> functions.updateCode(ref,
                new Requests.UpdateFunctionCode(TestPackages.zip("v2"), null, null, null, null, null,
                        created.revisionId(), null)));
        assertEquals("PreconditionFailedException", stale.type());

        FunctionConfig newCode = functions.updateCode(ref, new Requests.UpdateFunctionCode(TestPackages.zip("v2"),
                null, null, null, null, null, updated.revisionId(), null));
        assertNotEquals(created.codeSha256(), newCode.codeSha256());
        assertEquals(newCode, functions.configuration(ref));
    }

    @Test
    void qualifiersResolveOrAreNotFoundWithTheQualifiedArn() {
        fixture.create("hello", TestPackages.zip("v1"));
        assertEquals("$LATEST", functions.configuration(FunctionRef.parse("hello:$LATEST")).version());
        LambdaException missing = assertThrows(LambdaException.class,
                () -> functions.configuration(FunctionRef.parse("hello:4")));
        assertEquals("ResourceNotFoundException", missing.type());
        assertEquals("Function not found: arn:aws:lambda:us-east-1:000000000000:function:hello:4",
                missing.getMessage());
        LambdaException unknown = assertThrows(LambdaException.class,
                () -> functions.configuration(FunctionRef.parse("nope")));
        assertEquals("Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope", unknown.getMessage());
    }

    @Test
    void listingPagesThroughEveryFunction() {
        for (int i = 0; i < 5; i++) {
            fixture.create("fn-" + i, TestPackages.zip("v" + i));
        }
        Page<FunctionConfig> first = functions.list(null, null, 2);
        assertEquals(2, first.items().size());
        Page<FunctionConfig> second = functions.list(null, first.nextMarker(), 2);
        Page<FunctionConfig> third = functions.list(null, second.nextMarker(), 2);
        assertEquals("fn-2", second.items().getFirst().functionName());
        assertEquals(1, third.items().size());
        assertEquals(null, third.nextMarker());
    }

    @Test
    void deletingAFunctionRemovesEverything() {
        fixture.create("hello", TestPackages.zip("v1"));
        LambdaException latest = assertThrows(LambdaException.class,
                () -> functions.delete(FunctionRef.parse("hello:$LATEST")));
        assertEquals("InvalidParameterValueException", latest.type());
        functions.delete(FunctionRef.parse("hello"));
        assertThrows(LambdaException.class, () -> functions.configuration(FunctionRef.parse("hello")));
        assertEquals(0, functions.list("ALL", null, null).items().size());
    }

    private void assertRejected(String type, UnaryOperator<Requests.CreateFunction> change) {
        Requests.CreateFunction request = change.apply(
                ControlPlaneFixture.request("checked", TestPackages.zip("v1"), null));
        LambdaException error = assertThrows(LambdaException.class, () -> functions.create(request));
        assertEquals(type, error.type(), error.getMessage());
    }

    private static Requests.CreateFunction with(Requests.CreateFunction r, Integer timeout, Integer memory,
                                                String role, String runtime) {
        return new Requests.CreateFunction(r.functionName(), runtime, role, r.handler(), r.code(), r.description(),
                timeout, memory, r.publish(), r.packageType(), r.environment(), r.tags(), r.snapStart(),
                r.architectures(), r.ephemeralStorage(), r.fileSystemConfigs(), null);
    }
}
