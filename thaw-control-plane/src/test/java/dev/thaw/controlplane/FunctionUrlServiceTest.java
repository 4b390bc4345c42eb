package dev.thaw.controlplane;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Function URLs of $LATEST and aliases: one each, kept across restarts, validated, gone with their owner. */
class FunctionUrlServiceTest {

    private static final FunctionRef LATEST = FunctionRef.parse("fn");
    private static final FunctionRef LIVE = FunctionRef.parse("fn:live");

    @TempDir
    Path dataDir;
    private ControlPlaneFixture fixture;

    @BeforeEach
    void open() {
        fixture = new ControlPlaneFixture(dataDir);
        fixture.create("fn", TestPackages.zip("v1"));
        fixture.controlPlane.versions().publish(LATEST, new Requests.PublishVersion(null, null, null));
        fixture.controlPlane.aliases().create(LATEST, new Requests.CreateAlias("live", "1", null, null));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private FunctionUrlService urls() {
        return fixture.controlPlane.functionUrls();
    }

    private static Requests.FunctionUrlConfig request(String authType, Requests.Cors cors, String invokeMode) {
        return new Requests.FunctionUrlConfig(authType, cors, invokeMode);
    }

    @Test
    void createOncePerQualifierAndKeepAcrossARestart() {
        Requests.Cors cors = new Requests.Cors(true, List.of("x-custom"), List.of("GET", "POST"),
                List.of("https://app.example"), List.of("x-echo"), 300);
        FunctionUrlConfig live = urls().create(LIVE, request("AWS_IAM", cors, null));
        FunctionUrlConfig latest = urls().create(LATEST, request("NONE", null, "RESPONSE_STREAM"));
        assertTrue(live.urlId().matches("[a-z0-9]{32}"), live::urlId);
        assertNotEquals(live.urlId(), latest.urlId());
        assertEquals(UrlInvokeMode.BUFFERED, live.invokeMode());
        assertEquals("ResourceConflictException", assertThrows(LambdaException.class,
                () -> urls().create(LATEST, request("NONE", null, null))).type());

        fixture.reopen();
        FunctionUrlConfig reopened = urls().get(LIVE);
        assertEquals(live.urlId(), reopened.urlId());
        assertEquals(UrlAuthType.AWS_IAM, reopened.authType());
        assertEquals(List.of("https://app.example"), reopened.cors().orElseThrow().allowOrigins());
        assertTrue(reopened.cors().orElseThrow().allowCredentials());
        assertEquals(Optional.of(reopened), urls().byUrlId(live.urlId()));
        assertEquals("arn:aws:lambda:us-east-1:000000000000:function:fn", urls().arn(urls().get(LATEST)));
        assertEquals("arn:aws:lambda:us-east-1:000000000000:function:fn:live", urls().arn(reopened));
        assertEquals(List.of("$LATEST", "live"), urls().list(LATEST, null, null).items().stream()
                .map(FunctionUrlConfig::qualifier).toList());
    }

    @Test
    void updateChangesOnlyWhatItNames() {
        FunctionUrlConfig created = urls().create(LATEST, request("NONE", new Requests.Cors(null, null, null,
                List.of("*"), null, null), null));
        FunctionUrlConfig updated = urls().update(LATEST, request("AWS_IAM", null, null));
        assertEquals(UrlAuthType.AWS_IAM, updated.authType());
        assertEquals(created.cors(), updated.cors(), "a Cors not given is kept");
        assertEquals(created.urlId(), updated.urlId());
        assertEquals(created.creationTime(), updated.creationTime());
        assertTrue(!updated.lastModifiedTime().isBefore(created.lastModifiedTime()));
    }

    @Test
    void versionsBadValuesAndMissingOwnersAreRefused() {
        assertEquals("ValidationException", type(() -> urls().create(FunctionRef.parse("fn:1"),
                request("NONE", null, null))), "a version has no URL");
        assertEquals("ValidationException", type(() -> urls().create(LATEST, request(null, null, null))));
        assertEquals("ValidationException", type(() -> urls().create(LATEST, request("OPEN", null, null))));
        assertEquals("ValidationException", type(() -> urls().create(LATEST, request("NONE", null, "STREAM"))));
        assertEquals("ValidationException", type(() -> urls().create(LATEST, request("NONE",
                new Requests.Cors(null, null, null, null, null, 86_401), null))));
        assertEquals("ValidationException", type(() -> urls().create(LATEST, request("NONE",
                new Requests.Cors(null, null, List.of("OPTIONSX"), null, null, null), null))));
        assertEquals("ResourceNotFoundException", type(() -> urls().create(FunctionRef.parse("fn:gone"),
                request("NONE", null, null))));
        assertEquals("ResourceNotFoundException", type(() -> urls().get(LATEST)));
    }

    @Test
    void urlsGoWithTheirAliasOrFunction() {
        FunctionUrlConfig live = urls().create(LIVE, request("NONE", null, null));
        fixture.controlPlane.aliases().delete(LATEST, "live");
        assertEquals(Optional.empty(), urls().byUrlId(live.urlId()));

        FunctionUrlConfig latest = urls().create(LATEST, request("NONE", null, null));
        urls().delete(LATEST);
        assertEquals("ResourceNotFoundException", type(() -> urls().delete(LATEST)));
        urls().create(LATEST, request("NONE", null, null));
        fixture.controlPlane.functions().delete(LATEST);
        fixture.create("fn", TestPackages.zip("v1"));
        assertEquals("ResourceNotFoundException", type(() -> urls().get(LATEST)));
        assertEquals(Optional.empty(), urls().byUrlId(latest.urlId()));
    }

    private static String type(Runnable call) {
        return assertThrows(LambdaException.class, call::run).type();
    }
}
