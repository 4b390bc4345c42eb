package dev.thaw.api;

import dev.thaw.controlplane.ControlPlane;
import dev.thaw.controlplane.LambdaException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Serves deployment packages by content hash: the URL that GetFunction answers as Code.Location. Packages are
 * immutable, so the URL stays valid like Lambda's presigned one, whatever happens to the function later.
 */
final class CodeDownloadRoute {

    static final String PATH_PREFIX = "/thaw/packages/";
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final ControlPlane controlPlane;

    CodeDownloadRoute(ControlPlane controlPlane) {
        this.controlPlane = controlPlane;
    }

    Route route() {
        return Route.of("GET", PATH_PREFIX + "{Sha256}", "DownloadCode", this::download).withMaxBody(0);
    }

    private ApiResponse download(ApiRequest request) {
        String hex = request.pathParameter("Sha256");
        if (!SHA256_HEX.matcher(hex).matches()) {
            throw LambdaException.notFound("No deployment package " + LambdaException.echo(hex));
        }
        try {
            byte[] zip = Files.readAllBytes(controlPlane.packages().zipPath(hex));
            return new ApiResponse(200, Map.of("Content-Type", "application/zip"), zip);
        } catch (NoSuchFileException e) {
            throw LambdaException.notFound("No deployment package " + LambdaException.echo(hex));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
