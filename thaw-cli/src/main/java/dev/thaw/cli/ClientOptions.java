package dev.thaw.cli;

import dev.thaw.api.client.SignedHttpClient;
import dev.thaw.api.tls.PemTls;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;

/** How a thaw command that calls a server signs its requests and whom it trusts over HTTPS. */
final class ClientOptions {

    @Option(names = "--credentials-file", paramLabel = "FILE", description = "Sign with a key from this AWS "
            + "shared-credentials file (default: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, else "
            + "AWS_SHARED_CREDENTIALS_FILE, else ~/.thaw/credentials).")
    Path credentialsFile;

    @Option(names = "--profile", description = "The profile in the credentials file (default: AWS_PROFILE, else "
            + "default).")
    String profile;

    @Option(names = "--ca-bundle", paramLabel = "PEM", description = "Trust the certificates in this PEM file for "
            + "an https endpoint (default: AWS_CA_BUNDLE, else the JDK's trusted authorities).")
    Path caBundle;

    SignedHttpClient httpClient() throws IOException {
        HttpClient.Builder http = HttpClient.newBuilder();
        String envBundle = System.getenv("AWS_CA_BUNDLE");
        Path bundle = caBundle != null ? caBundle : envBundle == null || envBundle.isBlank() ? null
                : Path.of(envBundle);
        if (bundle != null) {
            http.sslContext(PemTls.trusting(bundle));
        }
        return new SignedHttpClient(ClientCredentials.resolve(credentialsFile, profile), http.build(),
                Clock.systemUTC());
    }
}
